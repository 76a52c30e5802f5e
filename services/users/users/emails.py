"""The canonical form of an email address: what makes two addresses the same."""

import idna

from users.exceptions import UserEmailInvalid


def canonical_email(email: str) -> str:
    """Return the address with its domain in canonical form, or raise an error.

    The part before the @ keeps its case (the database compares it with
    LOWER()). The domain is mapped as IDNA (UTS #46) defines it: case, width
    (fullwidth `e`, U+FF45, is `e`) and Unicode normalisation (`é` is `e`
    followed by U+0301) are folded, and the punycode spelling (`xn--caf-dma`)
    means the same as the Unicode one (`café`). The Unicode spelling is stored
    because people read it. Raises `UserEmailInvalid` for a domain that IDNA
    cannot map.
    """
    local, at, domain = email.rpartition("@")
    if not at or not domain or domain.startswith("["):
        # No domain to map (validation reports it), or an address literal.
        return f"{local}{at}{domain.lower()}"
    try:
        return f"{local}@{idna.decode(idna.encode(domain, uts46=True))}"
    except UnicodeError as exc:  # idna.IDNAError and its kin
        reason = f"its domain is not a valid internationalised domain name ({exc})"
        raise UserEmailInvalid(email=email, reason=reason) from exc


def lookup_email(email: str) -> str:
    """Return the form to look an address up by; one that cannot exist stays as is."""
    try:
        return canonical_email(email)
    except UserEmailInvalid:
        return email
