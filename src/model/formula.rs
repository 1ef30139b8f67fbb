//! The small language of a rollout template's per-site texts and numbers
//! (docs/plan-format.md, "Values of a site"): a text names a site's values between braces
//! (`"Install and cutover: {store} ({lanes} lanes)"`), and a number may be a formula of them
//! (`"2 + ceil({lanes} / 4)"`).
//!
//! Safe by construction: a formula is numbers, `{value}`s, `+ - * /`, parentheses and five
//! functions (`ceil`, `floor`, `round`, `min`, `max`); no loops, no variables, no calls out.
//! A formula is at most [`MAX_FORMULA`] characters and nests at most [`MAX_DEPTH`] deep, so
//! reading and working it out take time in proportion to its length. Plain data, as the rest
//! of the model: what a name stands for is the caller's.

/// The longest formula or text with placeholders, in characters.
pub const MAX_FORMULA: usize = 1_000;
/// How deep parentheses and function calls may nest.
pub const MAX_DEPTH: usize = 32;

/// A formula read and checked, ready to be worked out for any site.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula(Expr);

#[derive(Debug, Clone, PartialEq)]
enum Expr {
    Number(f64),
    Value(String),
    Neg(Box<Expr>),
    Binary(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Func {
    Ceil,
    Floor,
    Round,
    Min,
    Max,
}

impl Func {
    fn named(name: &str) -> Option<Func> {
        Some(match name {
            "ceil" => Func::Ceil,
            "floor" => Func::Floor,
            "round" => Func::Round,
            "min" => Func::Min,
            "max" => Func::Max,
            _ => return None,
        })
    }
}

impl Formula {
    /// Reads a formula; the error says what is wrong, in words, and where.
    pub fn parse(text: &str) -> Result<Formula, String> {
        if text.chars().count() > MAX_FORMULA {
            return Err(format!("is longer than {MAX_FORMULA} characters"));
        }
        let mut p = Parser { chars: text.chars().collect(), at: 0, depth: 0 };
        let e = p.expr()?;
        p.space();
        if p.at < p.chars.len() {
            return Err(format!("has '{}' where the formula should end (character {})", p.chars[p.at], p.at + 1));
        }
        Ok(Formula(e))
    }

    /// The value names the formula uses, each once, in the order they first appear.
    pub fn names(&self) -> Vec<&str> {
        fn walk<'a>(e: &'a Expr, out: &mut Vec<&'a str>) {
            match e {
                Expr::Number(_) => {}
                Expr::Value(n) => {
                    if !out.contains(&n.as_str()) {
                        out.push(n);
                    }
                }
                Expr::Neg(x) => walk(x, out),
                Expr::Binary(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Expr::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &mut out);
        out
    }

    /// Works the formula out, asking `value` for each name it uses. An error says why in
    /// words (a value missing, a division by zero, a result that is no number).
    pub fn eval(&self, value: &mut dyn FnMut(&str) -> Result<f64, String>) -> Result<f64, String> {
        fn go(e: &Expr, value: &mut dyn FnMut(&str) -> Result<f64, String>) -> Result<f64, String> {
            Ok(match e {
                Expr::Number(x) => *x,
                Expr::Value(n) => value(n)?,
                Expr::Neg(x) => -go(x, value)?,
                Expr::Binary(op, a, b) => {
                    let (a, b) = (go(a, value)?, go(b, value)?);
                    match op {
                        Op::Add => a + b,
                        Op::Sub => a - b,
                        Op::Mul => a * b,
                        Op::Div if b == 0.0 => return Err("divides by zero".to_string()),
                        Op::Div => a / b,
                    }
                }
                Expr::Call(f, args) => {
                    let xs: Vec<f64> = args.iter().map(|a| go(a, value)).collect::<Result<_, _>>()?;
                    match f {
                        Func::Ceil => xs[0].ceil(),
                        Func::Floor => xs[0].floor(),
                        Func::Round => xs[0].round(),
                        Func::Min => xs.iter().copied().fold(f64::INFINITY, f64::min),
                        Func::Max => xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    }
                }
            })
        }
        let x = go(&self.0, value)?;
        if x.is_finite() {
            Ok(x)
        } else {
            Err("gives no finite number".to_string())
        }
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.space();
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> Result<(), String> {
        match self.peek() {
            Some(x) if x == c => {
                self.at += 1;
                Ok(())
            }
            Some(x) => Err(format!("has '{x}' where '{c}' should be (character {})", self.at + 1)),
            None => Err(format!("ends where '{c}' should be")),
        }
    }

    fn deeper(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(format!("nests more than {MAX_DEPTH} deep"));
        }
        Ok(())
    }

    fn expr(&mut self) -> Result<Expr, String> {
        let mut left = self.term()?;
        while let Some(c @ ('+' | '-')) = self.peek() {
            self.at += 1;
            let right = self.term()?;
            left = Expr::Binary(if c == '+' { Op::Add } else { Op::Sub }, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, String> {
        let mut left = self.unary()?;
        while let Some(c @ ('*' | '/')) = self.peek() {
            self.at += 1;
            let right = self.unary()?;
            left = Expr::Binary(if c == '*' { Op::Mul } else { Op::Div }, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Expr, String> {
        if self.peek() == Some('-') {
            self.at += 1;
            self.deeper()?;
            let x = self.unary()?;
            self.depth -= 1;
            return Ok(Expr::Neg(Box::new(x)));
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Expr, String> {
        let start = self.at;
        match self.peek() {
            None => Err("ends where a number, a {value} or '(' should be".to_string()),
            Some('(') => {
                self.at += 1;
                self.deeper()?;
                let e = self.expr()?;
                self.eat(')')?;
                self.depth -= 1;
                Ok(e)
            }
            Some('{') => {
                self.at += 1;
                let from = self.at;
                while self.chars.get(self.at).is_some_and(|c| *c != '}' && *c != '{') {
                    self.at += 1;
                }
                if self.chars.get(self.at) != Some(&'}') {
                    return Err(format!("opens a value with '{{' at character {} and does not close it with '}}'", start + 1));
                }
                let name: String = self.chars[from..self.at].iter().collect::<String>().trim().to_string();
                self.at += 1;
                if name.is_empty() {
                    return Err(format!("names no value between the braces at character {}", start + 1));
                }
                Ok(Expr::Value(name))
            }
            Some(c) if c.is_ascii_digit() || c == '.' => {
                while self.chars.get(self.at).is_some_and(|c| c.is_ascii_digit() || *c == '.') {
                    self.at += 1;
                }
                let text: String = self.chars[start..self.at].iter().collect();
                text.parse::<f64>().map(Expr::Number).map_err(|_| format!("has '{text}', which is not a number"))
            }
            Some(c) if c.is_ascii_alphabetic() => {
                while self.chars.get(self.at).is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_') {
                    self.at += 1;
                }
                let name: String = self.chars[start..self.at].iter().collect();
                let Some(f) = Func::named(&name) else {
                    return Err(format!(
                        "has '{name}', which is no function (ceil, floor, round, min, max); a site's value is written {{{name}}}"
                    ));
                };
                self.eat('(')?;
                self.deeper()?;
                let mut args = vec![self.expr()?];
                while self.peek() == Some(',') {
                    self.at += 1;
                    args.push(self.expr()?);
                }
                self.eat(')')?;
                self.depth -= 1;
                let wanted = matches!(f, Func::Ceil | Func::Floor | Func::Round);
                if wanted && args.len() != 1 {
                    return Err(format!("gives {name} {} numbers; it takes one", args.len()));
                }
                Ok(Expr::Call(f, args))
            }
            Some(c) => Err(format!("has '{c}' where a number, a {{value}} or '(' should be (character {})", self.at + 1)),
        }
    }
}

/// One piece of a text with placeholders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// A literal brace (written `{{` or `}}`).
    Brace(char),
    Name(&'a str),
}

/// A text cut into its plain parts and its placeholders (`{name}`; `{{` and `}}` are a brace
/// of the text). An error names an unclosed or a stray brace.
pub fn pieces(text: &str) -> Result<Vec<Piece<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut at = 0usize;
    while let Some(k) = rest.find(['{', '}']) {
        if k > 0 {
            out.push(Piece::Text(&rest[..k]));
        }
        let brace = rest.as_bytes()[k] as char;
        let after = &rest[k + 1..];
        if after.starts_with(brace) {
            out.push(Piece::Brace(brace));
            at += k + 2;
            rest = &after[1..];
            continue;
        }
        if brace == '}' {
            return Err(format!("has a '}}' that closes nothing at character {} (write '}}}}' for a brace)", at + k + 1));
        }
        let Some(end) = after.find(['{', '}']).filter(|e| after.as_bytes()[*e] == b'}') else {
            return Err(format!(
                "opens a placeholder with '{{' at character {} and does not close it (write '{{{{' for a brace)",
                at + k + 1
            ));
        };
        let name = after[..end].trim();
        if name.is_empty() {
            return Err(format!("has an empty placeholder '{{}}' at character {}", at + k + 1));
        }
        out.push(Piece::Name(name));
        at += k + end + 2;
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Whether a text holds placeholders or escaped braces (and so must be filled).
pub fn has_placeholders(text: &str) -> bool {
    text.contains(['{', '}'])
}

/// The text with each placeholder replaced by what `value` says it stands for.
pub fn fill(text: &str, value: &mut dyn FnMut(&str) -> Result<String, String>) -> Result<String, String> {
    if !has_placeholders(text) {
        return Ok(text.to_string());
    }
    let mut out = String::with_capacity(text.len() + 16);
    for p in pieces(text)? {
        match p {
            Piece::Text(t) => out.push_str(t),
            Piece::Brace(c) => out.push(c),
            Piece::Name(n) => out.push_str(&value(n)?),
        }
    }
    Ok(out)
}

/// A number as Bridger writes it in a text: the shortest form that reads back the same
/// (`8`, `1.5`).
pub fn number_text(x: f64) -> String {
    x.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn eval(text: &str, lanes: f64) -> Result<f64, String> {
        Formula::parse(text)?.eval(&mut |n| if n == "lanes" { Ok(lanes) } else { Err(format!("no value '{n}'")) })
    }

    #[test]
    fn formulas_work_out_per_site() {
        assert_eq!(eval("2 + ceil({lanes} / 4)", 10.0), Ok(5.0));
        assert_eq!(eval("2 + ceil({lanes} / 4)", 8.0), Ok(4.0));
        assert_eq!(eval("1.5 * {lanes}", 7.0), Ok(10.5));
        assert_eq!(eval("-(1 - 3) * 2", 0.0), Ok(4.0));
        assert_eq!(eval("max(1, min({lanes}, 3), 2)", 9.0), Ok(3.0));
        assert_eq!(eval("round(2.5) + floor(1.9)", 0.0), Ok(4.0));
        assert_eq!(eval("{ lanes }", 3.0), Ok(3.0));
        assert_eq!(Formula::parse("{a} + {b} * {a}").unwrap().names(), ["a", "b"]);
    }

    #[test]
    fn bad_formulas_say_why() {
        assert_eq!(eval("{doors} + 1", 1.0), Err("no value 'doors'".to_string()));
        assert_eq!(eval("1 / ({lanes} - 4)", 4.0), Err("divides by zero".to_string()));
        assert!(eval("lanes * 2", 1.0).unwrap_err().contains("{lanes}"));
        assert!(eval("2 +", 1.0).unwrap_err().contains("ends"));
        assert!(eval("(2", 1.0).unwrap_err().contains("')'"));
        assert!(eval("ceil(1, 2)", 1.0).unwrap_err().contains("takes one"));
        assert!(eval("{lanes", 1.0).unwrap_err().contains("does not close"));
        assert!(eval("1.2.3", 1.0).unwrap_err().contains("not a number"));
        assert!(eval("2 3", 1.0).unwrap_err().contains("should end"));
        assert!(Formula::parse(&"(".repeat(40)).unwrap_err().contains("nests"));
        assert!(Formula::parse(&"1+".repeat(600)).unwrap_err().contains("longer"));
    }

    #[test]
    fn texts_fill_their_placeholders() {
        let mut v = |n: &str| match n {
            "store" => Ok("Store 014".to_string()),
            "lanes" => Ok(number_text(10.0)),
            _ => Err(format!("no value '{n}'")),
        };
        assert_eq!(fill("Install: {store} ({lanes} lanes)", &mut v), Ok("Install: Store 014 (10 lanes)".to_string()));
        assert_eq!(fill("plain", &mut v), Ok("plain".to_string()));
        assert_eq!(fill("{{literal}} {store}", &mut v), Ok("{literal} Store 014".to_string()));
        assert_eq!(fill("{doors}", &mut v), Err("no value 'doors'".to_string()));
        assert!(fill("a } b", &mut v).unwrap_err().contains("closes nothing"));
        assert!(fill("a { b", &mut v).unwrap_err().contains("does not close"));
        assert!(fill("a {} b", &mut v).unwrap_err().contains("empty"));
        assert_eq!(number_text(1.5), "1.5");
    }
}
