//! Random numbers and the distributions a duration is drawn from: counter-based SplitMix64
//! streams (any draw reached without the ones before it), the normal CDF and quantile for
//! the team copula, PERT-Beta quantile tables, and the triangle.

// ---------------------------------------------------------------------------------------
// Random numbers.

pub(super) const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// SplitMix64's output function: a bijection with full avalanche.
#[inline(always)]
pub(super) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The key of iteration `i`'s stream.
#[inline]
pub(super) fn stream(seed: u64, i: u64) -> u64 {
    mix(seed ^ mix(i.wrapping_add(1).wrapping_mul(GAMMA)))
}

/// Uniform in [0, 1) from 64 random bits.
#[inline(always)]
pub(super) fn unit(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Draw `slot` of the stream `key`: SplitMix64 at that position, so any draw is reached
/// without the ones before it.
#[inline(always)]
pub(super) fn draw(key: u64, slot: u64) -> f64 {
    unit(bits(key, slot))
}

/// The 64 random bits of draw `slot` of the stream `key`.
#[inline(always)]
pub(super) fn bits(key: u64, slot: u64) -> u64 {
    mix(key.wrapping_add(slot.wrapping_add(1).wrapping_mul(GAMMA)))
}

/// A standard normal from draw `slot` of the stream `key` (by the inverse CDF, so one
/// uniform gives one normal and any draw is reached without the others).
pub(super) fn normal(key: u64, slot: u64) -> f64 {
    inv_phi(draw(key, slot))
}

/// The standard normal CDF, from erfc with a fractional error below 1.2e-7 (Numerical
/// Recipes' Chebyshev fit).
#[inline]
pub(super) fn phi(x: f64) -> f64 {
    let x = -x * std::f64::consts::FRAC_1_SQRT_2;
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07 + t * (-1.135_203_98 + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let erfc = t * poly.exp();
    0.5 * if x >= 0.0 { erfc } else { 2.0 - erfc }
}

/// The standard normal quantile (Acklam's rational approximation, relative error below
/// 1.2e-9); `p` is kept inside (0, 1), so the result is finite.
#[inline]
pub(super) fn inv_phi(p: f64) -> f64 {
    const A: [f64; 6] =
        [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.383577518672690e2, -3.066479806614716e1, 2.506628277459239];
    const B: [f64; 5] = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
    const C: [f64; 6] =
        [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
    const D: [f64; 4] = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
    const LOW: f64 = 0.02425;
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - LOW {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// Points of a Beta quantile table: `QUANTILES + 1` values at u = k / QUANTILES.
pub(super) const QUANTILES: usize = 1024;

/// The quantiles of Beta(alpha, beta) (shapes of at least 1, as PERT's) at u = k / 1,024,
/// from the density's integral by the trapezoid rule on 16,384 steps: an inverse CDF for the
/// copula, which a rejection sampler cannot give.
pub(super) fn beta_quantiles(alpha: f64, beta: f64) -> Vec<f64> {
    const STEPS: usize = 16_384;
    let density = |x: f64| x.powf(alpha - 1.0) * (1.0 - x).powf(beta - 1.0);
    let h = 1.0 / STEPS as f64;
    let mut cdf = Vec::with_capacity(STEPS + 1);
    let (mut sum, mut last) = (0.0, density(0.0));
    cdf.push(0.0);
    for i in 1..=STEPS {
        let f = density(i as f64 * h);
        sum += 0.5 * h * (last + f);
        last = f;
        cdf.push(sum);
    }
    let total = if sum > 0.0 { sum } else { 1.0 };
    let mut q = Vec::with_capacity(QUANTILES + 1);
    let mut i = 0;
    for k in 0..=QUANTILES {
        let u = k as f64 / QUANTILES as f64 * total;
        while i + 1 < STEPS && cdf[i + 1] < u {
            i += 1;
        }
        let (c0, c1) = (cdf[i], cdf[(i + 1).min(STEPS)]);
        let t = if c1 > c0 { ((u - c0) / (c1 - c0)).clamp(0.0, 1.0) } else { 0.0 };
        q.push(((i as f64 + t) * h).clamp(0.0, 1.0));
    }
    q
}

/// The quantile at `u` of a table from [`beta_quantiles`], linear between its points.
#[inline]
pub(super) fn quantile_of(q: &[f64], u: f64) -> f64 {
    let t = u.clamp(0.0, 1.0) * QUANTILES as f64;
    let k = (t as usize).min(QUANTILES - 1);
    let (a, b) = (q.get(k).copied().unwrap_or(0.0), q.get(k + 1).copied().unwrap_or(1.0));
    a + (t - k as f64) * (b - a)
}

/// A sequential SplitMix64 for the few draws a rejection sampler needs.
pub(super) struct SplitMix(u64);

impl SplitMix {
    pub(super) fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(GAMMA);
        unit(mix(self.0))
    }
}

// ---------------------------------------------------------------------------------------
// The model: a plan prepared for many forward passes.

/// A three-point estimate prepared for inverse-transform sampling of the triangle.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tri {
    pub(super) lo: f64,
    pub(super) hi: f64,
    /// The CDF at the mode; above 1 for a degenerate estimate (always the left branch).
    pub(super) at_mode: f64,
    /// (hi - lo) (mode - lo) and (hi - lo) (hi - mode).
    pub(super) left: f64,
    pub(super) right: f64,
    /// mode - lo and hi - mode.
    pub(super) below: f64,
    pub(super) above: f64,
}

impl Tri {
    pub(super) fn new(a: f64, c: f64, b: f64) -> Tri {
        let (a, b) = (a.min(b), a.max(b));
        let c = c.clamp(a, b);
        let span = b - a;
        if span <= 0.0 {
            return Tri { lo: a, hi: a, at_mode: 2.0, left: 0.0, right: 0.0, below: 0.0, above: 0.0 };
        }
        Tri { lo: a, hi: b, at_mode: (c - a) / span, left: span * (c - a), right: span * (b - c), below: c - a, above: b - c }
    }

    /// A draw from 64 random bits without a square root (Stein and Keblis, 2009): with U
    /// and V uniform on [0, 1), lo + (hi - mode) min(U, V) + (mode - lo) max(U, V) is
    /// triangular on (lo, mode, hi). U and V are the two halves of the bits.
    #[inline(always)]
    pub(super) fn pair(&self, bits: u64) -> f64 {
        const SCALE: f64 = 1.0 / (1u64 << 32) as f64;
        let u = (bits >> 32) as f64 * SCALE;
        let v = (bits & 0xFFFF_FFFF) as f64 * SCALE;
        let (low, high) = if u < v { (u, v) } else { (v, u) };
        self.lo + (self.above * low + self.below * high)
    }

    #[inline(always)]
    pub(super) fn sample(&self, u: f64) -> f64 {
        // Both sides as selects, not a branch: which side is a coin toss per draw.
        let left = u < self.at_mode;
        let from = if left { self.lo } else { self.hi };
        let area = if left { u * self.left } else { (1.0 - u) * self.right };
        let sign = if left { 1.0 } else { -1.0 };
        from + sign * area.sqrt()
    }

    /// PERT-Beta on [lo, hi] with the same mode, drawn from a local stream seeded by `u`.
    pub(super) fn sample_pert(&self, u: f64, mode: f64) -> f64 {
        let span = self.hi - self.lo;
        if span <= 0.0 {
            return self.lo;
        }
        let alpha = 1.0 + 4.0 * (mode - self.lo) / span;
        let beta = 1.0 + 4.0 * (self.hi - mode) / span;
        let mut rng = SplitMix((u * (1u64 << 53) as f64) as u64 ^ 0x5851_F42D_4C95_7F2D);
        let x = gamma(alpha, &mut rng);
        let y = gamma(beta, &mut rng);
        let t = if x + y > 0.0 { x / (x + y) } else { (mode - self.lo) / span };
        self.lo + span * t.clamp(0.0, 1.0)
    }
}

/// Marsaglia-Tsang for a shape >= 1 (PERT's shapes are 1..5). Bounded: after 64 refusals,
/// which does not happen in practice, the mean stands in.
pub(super) fn gamma(shape: f64, rng: &mut SplitMix) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = 1.0 / (9.0 * d).sqrt();
    for _ in 0..64 {
        // Box-Muller.
        let (u1, u2) = (rng.next(), rng.next());
        let z = (-2.0 * (1.0 - u1).ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        let v = 1.0 + c * z;
        if v <= 0.0 {
            continue;
        }
        let v = v * v * v;
        let u = rng.next();
        if (1.0 - u).ln() < 0.5 * z * z + d - d * v + d * v.ln() {
            return d * v;
        }
    }
    shape
}
