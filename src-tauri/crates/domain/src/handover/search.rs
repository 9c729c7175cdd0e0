//! The search box: every word must appear. Words of three characters or more go to the FTS5
//! trigram index; shorter ones (退款, 款) are below a trigram and are matched with LIKE instead.

/// What the store puts in its query: `handover_fts MATCH match_expr` and one `body LIKE ? ESCAPE
/// '\'` per pattern, all required.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub match_expr: Option<String>,
    pub like_patterns: Vec<String>,
}

impl ParsedQuery {
    pub fn is_empty(&self) -> bool {
        self.match_expr.is_none() && self.like_patterns.is_empty()
    }
}

/// Whitespace-separated terms (the ideographic space too), all required: terms of at least three
/// characters become FTS5 phrases ("…", quotes doubled) joined with AND, so no term is read as
/// FTS5 syntax; shorter ones become LIKE patterns %t% with \, % and _ escaped.
pub fn parse_query(text: &str) -> ParsedQuery {
    let mut phrases = Vec::new();
    let mut like_patterns = Vec::new();
    for term in text.split_whitespace() {
        if term.chars().count() >= 3 {
            phrases.push(format!("\"{}\"", term.replace('"', "\"\"")));
        } else {
            let mut pattern = String::from("%");
            for c in term.chars() {
                if matches!(c, '\\' | '%' | '_') {
                    pattern.push('\\');
                }
                pattern.push(c);
            }
            pattern.push('%');
            like_patterns.push(pattern);
        }
    }
    ParsedQuery {
        match_expr: (!phrases.is_empty()).then(|| phrases.join(" AND ")),
        like_patterns,
    }
}
