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
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
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
        assert_eq!(
            super::escape("see https://x.io, www.x.io or a@b.io"),
            r"see https\://x.io, www\.x.io or a\@b.io"
        );
    }
}
