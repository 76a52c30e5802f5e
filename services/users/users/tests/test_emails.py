"""Tests of the canonical email form: one address, however its domain is spelled."""

import pytest

from users.emails import canonical_email, lookup_email
from users.exceptions import UserEmailInvalid

E_ACUTE = "\N{LATIN SMALL LETTER E WITH ACUTE}"


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("Ann@Example.COM", "Ann@example.com"),
        ("ann@\N{FULLWIDTH LATIN SMALL LETTER E}xample.com", "ann@example.com"),
        ("ann@ÉXAMPLE.com", f"ann@{E_ACUTE}xample.com"),
        ("ann@e\N{COMBINING ACUTE ACCENT}xample.com", f"ann@{E_ACUTE}xample.com"),
        ("ann@xn--xample-9ua.com", f"ann@{E_ACUTE}xample.com"),
        ("ann@[192.0.2.1]", "ann@[192.0.2.1]"),
        ("no-at-sign", "no-at-sign"),
        ("ann@", "ann@"),
    ],
    ids=[
        "case",
        "fullwidth",
        "unicode-case",
        "decomposed",
        "punycode",
        "literal",
        "no-at",
        "no-domain",
    ],
)
def test_canonical_email_maps_the_domain_and_keeps_the_local_part(raw, canonical):
    assert canonical_email(raw) == canonical


@pytest.mark.parametrize("domain", ["xn--zz.example", "a..example", "-a.example"])
def test_canonical_email_refuses_a_domain_idna_cannot_map(domain):
    with pytest.raises(UserEmailInvalid, match="not a valid internationalised domain"):
        canonical_email(f"ann@{domain}")


def test_lookup_email_keeps_an_address_that_cannot_be_canonical():
    assert lookup_email("ann@xn--zz.example") == "ann@xn--zz.example"


def test_lookup_email_uses_the_canonical_form():
    assert lookup_email("ann@xn--xample-9ua.com") == f"ann@{E_ACUTE}xample.com"
