//! Markdown: the bundled template, and the `md` filter that keeps user text
//! from breaking the layout.

use minijinja::Environment;

use super::Bundled;

pub const TEMPLATE: Bundled = Bundled {
    name: "plan.md.j2",
    source: include_str!("../../templates/plan.md.j2"),
};

pub fn register(env: &mut Environment<'_>) {
    env.add_filter("md", escape);
}

/// Escapes text for GitHub-flavoured Markdown: a `|` can't split a table
/// cell, a `*` or `_` can't start emphasis, a `#` can't make a heading, a
/// `<` can't open HTML, and a newline can't end a list item or table row.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let text = text
        .split(['\r', '\n'])
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.trim_start();
    // At the start of a line, `-`, `+` or `=` could begin a list, a rule or
    // a heading underline, and `1.` or `1)` a numbered list.
    if text.starts_with(['-', '+', '=']) {
        out.push('\\');
    }
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut chars = text.chars().peekable();
    let mut at = 0;
    while let Some(c) = chars.next() {
        if digits > 0 && at == digits && matches!(c, '.' | ')') {
            out.push('\\');
        }
        at += c.len_utf8();
        // `://`, `@` and `www.` would turn a URL or an address into an autolink.
        let autolink = (c == ':' && chars.peek() == Some(&'/'))
            || c == '@'
            || (c == '.' && out.ends_with("www"));
        if autolink
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_what_would_break_the_layout() {
        assert_eq!(
            super::escape("A|B *bold* #1\nnext"),
            r"A\|B \*bold\* \#1 next"
        );
        assert_eq!(super::escape("<b>&amp;</b>"), r"\<b\>\&amp;\</b\>");
        assert_eq!(super::escape("- dash"), r"\- dash");
        assert_eq!(super::escape("  === x-y"), r"\=== x-y");
        assert_eq!(super::escape("1. one"), r"1\. one");
        assert_eq!(super::escape("12) two 3. three"), r"12\) two 3. three");
        assert_eq!(super::escape("2027 plans"), "2027 plans");
        assert_eq!(
            super::escape("see https://x.io, www.x.io or a@b.io"),
            r"see https\://x.io, www\.x.io or a\@b.io"
        );
    }
}
