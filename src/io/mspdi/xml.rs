//! A small element tree read with quick-xml: what the MSPDI reader walks. Names are local
//! (namespace prefixes dropped), text is unescaped, and every element keeps the line and
//! column where it starts, so errors and findings can point into the file.
//!
//! Hostile input is bounded: depth, element count and text size have limits that a real
//! project file never reaches, and exceeding one is a named error, not a stack overflow
//! or an exhausted memory. quick-xml expands no user-defined entity (no "billion laughs").

use quick_xml::events::Event;
use quick_xml::Reader;

use super::MspdiError;

/// Deeper than any MSPDI file (Project > Tasks > Task > TimephasedData > Value is 5).
const MAX_DEPTH: usize = 64;
/// Far more than a real project holds (a 100,000-task file has a few million elements).
const MAX_ELEMENTS: usize = 20_000_000;

#[derive(Debug, Default)]
pub struct Element {
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
    pub line: usize,
    pub column: usize,
}

impl Element {
    /// The first child named `name`.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child named `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child named `name`, if it has any.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim()).filter(|t| !t.is_empty())
    }

    /// The untrimmed text of the first child named `name` (names and notes keep spaces).
    pub fn raw_text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// Line and column (1-based) of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or(&[]);
    let line = 1 + before.iter().filter(|b| **b == b'\n').count();
    let start = before.iter().rposition(|b| *b == b'\n').map_or(0, |k| k + 1);
    let column = 1 + String::from_utf8_lossy(&before[start..]).chars().count();
    (line, column)
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

/// Line and column of increasing offsets, counted once over the text (not from the start
/// for each element, which would be quadratic).
struct Lines<'t> {
    text: &'t str,
    offset: usize,
    line: usize,
    column: usize,
}

impl Lines<'_> {
    fn at(&mut self, offset: u64) -> (usize, usize) {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX).min(self.text.len());
        if offset < self.offset {
            return line_column(self.text, offset);
        }
        for b in self.text.as_bytes().get(self.offset..offset).unwrap_or(&[]) {
            if *b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                self.column += 1; // the first byte of a character
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// Parses `text` into its root element.
pub fn parse(text: &str, what: &str) -> Result<Element, MspdiError> {
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    let mut lines = Lines { text, offset: 0, line: 1, column: 1 };
    let err = |offset: u64, message: String| {
        let (line, column) = line_column(text, usize::try_from(offset).unwrap_or(usize::MAX));
        MspdiError::Xml { what: what.to_string(), line, column, message }
    };
    loop {
        let at = reader.buffer_position();
        let event = reader.read_event().map_err(|e| err(reader.error_position(), e.to_string()))?;
        match event {
            Event::Start(e) | Event::Empty(e) if root.is_some() => {
                let _ = e;
                return Err(err(at, "content after the end of the root element".to_string()));
            }
            Event::Start(e) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err(err(at, format!("nested deeper than {MAX_DEPTH} or more than {MAX_ELEMENTS} elements")));
                }
                let (line, column) = lines.at(at);
                stack.push(Element { name: local(e.name().as_ref()), line, column, ..Element::default() });
            }
            Event::Empty(e) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err(err(at, format!("more than {MAX_ELEMENTS} elements")));
                }
                let (line, column) = lines.at(at);
                let el = Element { name: local(e.name().as_ref()), line, column, ..Element::default() };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::End(_) => {
                let Some(el) = stack.pop() else {
                    return Err(err(at, "an end tag without its start".to_string()));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => root = Some(el),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                } else if !t.xml10_content().trim().is_empty() {
                    return Err(err(at, "text outside the root element".to_string()));
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content().into_owned();
                        match name.as_str() {
                            "lt" => "<".to_string(),
                            "gt" => ">".to_string(),
                            "amp" => "&".to_string(),
                            "apos" => "'".to_string(),
                            "quot" => "\"".to_string(),
                            _ => return Err(err(at, format!("unknown entity &{name};"))),
                        }
                    }
                    Err(e) => return Err(err(at, e.to_string())),
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&c);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err(MspdiError::Xml {
            what: what.to_string(),
            line: open.line,
            column: open.column,
            message: format!("<{}> is never closed (the file ends first)", open.name),
        });
    }
    root.ok_or_else(|| MspdiError::Xml { what: what.to_string(), line: 1, column: 1, message: "no XML element in the file".to_string() })
}
