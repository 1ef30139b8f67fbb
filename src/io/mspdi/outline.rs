//! The outline an MSPDI export writes (issue 30 item 6): waves and sites as summary tasks
//! (outline level 1 the wave, level 2 its sites, the work under them), as the reader reads
//! them back; sites of no wave under one summary named [`NO_WAVE`] (read back as no wave);
//! and the UID of every row, stable across a round trip: a task, wave or site whose id is
//! what an import made of a UID (`t12`, `w3`, `s4`) keeps that UID, the others take the
//! free ones in outline order.

use std::collections::{HashMap, HashSet};

use super::Finding;
use crate::model::Plan;

/// The name of the summary task that holds the sites of no wave.
pub const NO_WAVE: &str = "(no wave)";

/// What a summary task of Bridger's outline groups (its "Bridger data" `group`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    Wave,
    Site,
    NoWave,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Wave => "wave",
            Group::Site => "site",
            Group::NoWave => "no_wave",
        }
    }

    pub fn parse(s: &str) -> Option<Group> {
        [Group::Wave, Group::Site, Group::NoWave].into_iter().find(|g| g.as_str() == s)
    }
}

/// One row of the outline, in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// A summary task: what it groups, the wave's or site's id (empty for no wave), its name,
    /// and the work under it (plan positions, for its dates).
    Summary { group: Group, id: String, name: String, under: Vec<usize> },
    /// Initiative `k` of the plan.
    Work(usize),
}

/// The outline: each row with its outline level (1 the top), its OutlineNumber and its UID.
pub struct Outline {
    pub rows: Vec<(Row, usize, String, u64)>,
    /// The UID of each initiative, by plan position.
    pub uid: Vec<u64>,
}

/// The UID an import gave an id: `t12` (a task), `w3` (a wave), `s4` (a site).
fn imported_uid(id: &str, prefix: char) -> Option<u64> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// The outline of `plan`, with a finding for each initiative whose wave is not its site's
/// (it is written under its site; its own wave is kept in its "Bridger data").
pub fn outline(plan: &Plan, findings: &mut Vec<Finding>) -> Outline {
    let sites: HashMap<&str, usize> = plan.sites.iter().enumerate().map(|(k, s)| (s.id.as_str(), k)).collect();
    let waves: HashSet<&str> = plan.waves.iter().map(|w| w.id.as_str()).collect();
    // The work of each site, of each wave outside any site, and of neither.
    let mut at_site: Vec<Vec<usize>> = vec![Vec::new(); plan.sites.len()];
    let mut at_wave: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut loose = Vec::new();
    for (k, i) in plan.initiatives.iter().enumerate() {
        match (i.site.as_deref().and_then(|s| sites.get(s)), i.wave.as_deref().filter(|w| waves.contains(w))) {
            (Some(&s), wave) => {
                let site = &plan.sites[s];
                if wave.is_some() && wave != site.wave.as_deref() {
                    findings.push(Finding {
                        subject: format!("initiative '{}'", i.id),
                        message: format!(
                            "is in wave '{}' but its site '{}' is in {}: written under its site in the outline (its wave is kept in its Bridger data)",
                            wave.unwrap_or_default(),
                            site.name,
                            site.wave.as_deref().map_or("no wave".to_string(), |w| format!("wave '{w}'"))
                        ),
                    });
                }
                at_site[s].push(k);
            }
            (None, Some(w)) => at_wave.entry(w).or_default().push(k),
            (None, None) => loose.push(k),
        }
    }
    // Top-level items and, in a wave, its own work and its sites, each in the order of its
    // first work in the plan: a file read in outline order goes back out in that order.
    let first = |ks: &[usize]| ks.iter().copied().min().unwrap_or(usize::MAX);
    enum Top {
        Work(usize),
        Wave(usize),
        NoWave,
    }
    let mut top: Vec<(usize, Top)> = loose.iter().map(|&k| (k, Top::Work(k))).collect();
    let mut in_wave: Vec<(Vec<usize>, Vec<usize>)> = Vec::with_capacity(plan.waves.len());
    for (w, wave) in plan.waves.iter().enumerate() {
        let own = at_wave.get(wave.id.as_str()).cloned().unwrap_or_default();
        let mut its_sites: Vec<usize> =
            (0..plan.sites.len()).filter(|&s| plan.sites[s].wave.as_deref() == Some(wave.id.as_str()) && !at_site[s].is_empty()).collect();
        its_sites.sort_by_key(|&s| first(&at_site[s]));
        let start = first(&own).min(its_sites.first().map_or(usize::MAX, |&s| first(&at_site[s])));
        if start != usize::MAX {
            top.push((start, Top::Wave(w)));
        }
        in_wave.push((own, its_sites));
    }
    let mut waveless: Vec<usize> = (0..plan.sites.len())
        .filter(|&s| plan.sites[s].wave.as_deref().is_none_or(|w| !waves.contains(w)) && !at_site[s].is_empty())
        .collect();
    waveless.sort_by_key(|&s| first(&at_site[s]));
    if let Some(&s) = waveless.first() {
        top.push((first(&at_site[s]), Top::NoWave));
    }
    top.sort_by_key(|t| t.0);

    let mut rows: Vec<(Row, usize)> = Vec::with_capacity(plan.initiatives.len() + plan.sites.len() + plan.waves.len() + 1);
    let site_rows = |rows: &mut Vec<(Row, usize)>, s: usize| {
        let site = &plan.sites[s];
        rows.push((Row::Summary { group: Group::Site, id: site.id.clone(), name: site.name.clone(), under: at_site[s].clone() }, 2));
        rows.extend(at_site[s].iter().map(|&k| (Row::Work(k), 3)));
    };
    for (_, t) in top {
        match t {
            Top::Work(k) => rows.push((Row::Work(k), 1)),
            Top::Wave(w) => {
                let (own, its_sites) = &in_wave[w];
                let under = own.iter().copied().chain(its_sites.iter().flat_map(|&s| at_site[s].iter().copied())).collect();
                let wave = &plan.waves[w];
                rows.push((Row::Summary { group: Group::Wave, id: wave.id.clone(), name: wave.name.clone(), under }, 1));
                // Its own work and its sites, merged by first work.
                let mut items: Vec<(usize, Option<usize>, Option<usize>)> = own.iter().map(|&k| (k, Some(k), None)).collect();
                items.extend(its_sites.iter().map(|&s| (first(&at_site[s]), None, Some(s))));
                items.sort_by_key(|x| x.0);
                for (_, work, site) in items {
                    match (work, site) {
                        (Some(k), _) => rows.push((Row::Work(k), 2)),
                        (None, Some(s)) => site_rows(&mut rows, s),
                        (None, None) => {}
                    }
                }
            }
            Top::NoWave => {
                let under = waveless.iter().flat_map(|&s| at_site[s].iter().copied()).collect();
                rows.push((Row::Summary { group: Group::NoWave, id: String::new(), name: NO_WAVE.to_string(), under }, 1));
                for &s in &waveless {
                    site_rows(&mut rows, s);
                }
            }
        }
    }

    // UIDs: the one an import made each id of, where it is free; then the free ones.
    let wanted = |row: &Row| match row {
        Row::Work(k) => imported_uid(&plan.initiatives[*k].id, 't'),
        Row::Summary { group: Group::Wave, id, .. } => imported_uid(id, 'w'),
        Row::Summary { group: Group::Site, id, .. } => imported_uid(id, 's'),
        Row::Summary { group: Group::NoWave, .. } => None,
    };
    let mut taken: HashSet<u64> = HashSet::new();
    let mut uids: Vec<Option<u64>> = rows.iter().map(|(r, _)| wanted(r).filter(|u| taken.insert(*u))).collect();
    let mut next = 1u64;
    for u in uids.iter_mut().filter(|u| u.is_none()) {
        while taken.contains(&next) {
            next += 1;
        }
        *u = Some(next);
        taken.insert(next);
    }
    // Outline numbers: "2", "2.1", "2.1.3".
    let mut counters: Vec<usize> = Vec::new();
    let mut uid = vec![0u64; plan.initiatives.len()];
    let mut out = Vec::with_capacity(rows.len());
    for ((row, level), u) in rows.into_iter().zip(uids) {
        let u = u.unwrap_or(0);
        counters.truncate(level);
        while counters.len() < level {
            counters.push(0);
        }
        counters[level - 1] += 1;
        let number = counters.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(".");
        if let Row::Work(k) = row {
            uid[k] = u;
        }
        out.push((row, level, number, u));
    }
    Outline { rows: out, uid }
}
