//! Email addresses: the whole address lowercased, the domain in IDNA ASCII form, so that
//! `Zhang.Wei@例子.中国` and `zhang.wei@xn--fsqu00a.xn--fiqs8s` are one identifier.

use zeroize::Zeroizing;

use super::Invalid;

pub(super) fn normalize(prepared: &str) -> Result<Zeroizing<String>, Invalid> {
    // The last `@` separates the domain: a quoted local part may itself contain one.
    let (local, domain) = prepared.rsplit_once('@').ok_or(Invalid::EmailWithoutAt)?;
    if local.is_empty() || domain.is_empty() {
        return Err(Invalid::EmailEmptyPart);
    }
    // A trailing dot is the DNS root, written or not: `example.com.` is `example.com`.
    let domain = domain.strip_suffix('.').unwrap_or(domain);
    // Strict (STD3) rules: an email domain is a host name, so no spaces or underscores.
    let domain = idna::domain_to_ascii_strict(domain).map_err(|_| Invalid::EmailBadDomain)?;
    if !domain.contains('.') {
        return Err(Invalid::EmailDomainWithoutDot);
    }
    if domain.split('.').any(str::is_empty) {
        return Err(Invalid::EmailBadDomain);
    }
    let mut out = Zeroizing::new(String::with_capacity(local.len() + domain.len() + 1));
    out.push_str(&super::lowercase(local));
    out.push('@');
    out.push_str(&domain.to_ascii_lowercase());
    Ok(out)
}
