//! Where a login may send the browser back to: a same-origin relative path only, so the
//! login routes are no open redirector.

/// The path a `returnTo` names, if it is a same-origin relative path: it starts with one
/// `/`, is not protocol-relative (`//host`, `/\host`), and holds no control characters or
/// backslashes. Anything else is `None`, and the caller falls back to its default.
///
/// The login routes check every `returnTo` with it. It is public for an app's own login page
/// ([`WixAuthWebBuilder::login_page`](crate::WixAuthWebBuilder::login_page)), which receives
/// `returnTo` and must not redirect anywhere it names before the same check.
pub fn safe_return_to(candidate: &str) -> Option<&str> {
    let rest = candidate.strip_prefix('/')?;
    let refused = rest.starts_with('/')
        || candidate.contains('\\')
        || candidate.chars().any(char::is_control)
        || candidate.len() > 2048;
    (!refused).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::safe_return_to;

    #[test]
    fn only_same_origin_paths_pass() {
        for ok in ["/", "/members", "/a/b?c=d#e", "/%2F%2Fevil.example"] {
            assert_eq!(safe_return_to(ok), Some(ok), "{ok}");
        }
        for bad in [
            "",
            "members",
            "//evil.example",
            "/\\evil.example",
            "\\\\evil.example",
            "https://evil.example/",
            "javascript:alert(1)",
            "/a\nb",
            "/\t/evil.example",
        ] {
            assert_eq!(safe_return_to(bad), None, "{bad:?}");
        }
    }
}
