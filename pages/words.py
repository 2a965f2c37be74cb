"""The programme's words as the pages say them: statuses, the answer a product page gives
first, the kinds of change, product groups and owners' legal forms.

Each is an English msgid marked for extraction; the catalogs translate them (``language``).
"""

from __future__ import annotations


def N_(message: str) -> str:
    """Marks ``message`` for the catalogs; it is translated where it is shown."""
    return message


# The word on a status badge (the colour repeats it, never replaces it).
STATUS = {
    "certified": N_("Valid"),
    "suspended": N_("Suspended"),
    "expired": N_("Expired"),
    "revoked": N_("Revoked"),
    "removed": N_("Removed"),
    "participating": N_("Not certified"),
    "superseded": N_("Superseded"),
}
# A sign beside the word, for those who cannot tell the colours apart (hidden from readers).
SYMBOL = {
    "certified": "✓",
    "suspended": "!",
    "expired": "✕",
    "revoked": "✕",
    "removed": "✕",
    "participating": "○",
    "superseded": "→",
}
# The one answer a product page gives first: is the OCOP label valid today?
ANSWER = {
    "certified": N_("The OCOP certificate of this product is valid today."),
    "suspended": N_(
        "The OCOP certificate of this product is suspended: the label does not hold "
        "until it is reinstated."
    ),
    "expired": N_("The OCOP certificate of this product has expired: the label no longer holds."),
    "revoked": N_("The OCOP certificate of this product was revoked: the label no longer holds."),
    "removed": N_("This product was removed from the OCOP programme: the label does not hold."),
    "participating": N_(
        "This product takes part in the OCOP programme but holds no OCOP certificate."
    ),
}
CERTIFICATE_ANSWER = {
    "certified": N_("This certificate is valid today."),
    "suspended": N_(
        "This certificate is suspended: the label does not hold until it is reinstated."
    ),
    "expired": N_("This certificate has expired: the label no longer holds."),
    "revoked": N_("This certificate was revoked: the label no longer holds."),
    "superseded": N_("This certificate was replaced by a newer certificate of the product."),
}
MILESTONE = {
    "joined": N_("Joined the programme"),
    "certificates_issued": N_("Certificate issued"),
    "suspensions": N_("Certificate suspended"),
    "reinstatements": N_("Certificate reinstated"),
    "revocations": N_("Certificate revoked"),
    "removals": N_("Removed from the programme"),
}
# A change to one certificate (its dated reasons).
CHANGE = {
    "suspended": MILESTONE["suspensions"],
    "reinstated": MILESTONE["reinstatements"],
    "revoked": MILESTONE["revocations"],
}
# Counts over a period, in the order the statistics page charts them.
FLOWS = {
    "joined_in_period": N_("Products joined"),
    "certificates_issued": N_("Certificates issued"),
    "suspensions": N_("Suspensions"),
    "reinstatements": N_("Reinstatements"),
    "revocations": N_("Revocations"),
    "removals": N_("Removals"),
}
GROUP = {
    "food": N_("Food"),
    "beverages": N_("Beverages"),
    "herbal-products": N_("Herbal products"),
    "medicinal-herbs": N_("Medicinal herbs and herbal products"),
    "textiles-garments": N_("Textiles and garments"),
    "souvenirs-furniture-decoration": N_("Souvenirs, furniture and decoration"),
    "rural-tourism": N_("Rural tourism services and sales points"),
    "handicrafts": N_("Handicrafts"),
    "ornamental-plants-animals": N_("Ornamental plants and animals"),
    "community-tourism": N_("Community tourism, eco-tourism and tourist sites"),
}
OWNER_KIND = {
    "enterprise": N_("Enterprise"),
    "cooperative": N_("Cooperative"),
    "cooperative-group": N_("Cooperative group"),
    "household-business": N_("Household business"),
}
# The vocabularies every template may read, by the names the templates use.
IN_TEMPLATES = {
    "STATUS": STATUS,
    "SYMBOL": SYMBOL,
    "ANSWER": ANSWER,
    "CERTIFICATE_ANSWER": CERTIFICATE_ANSWER,
    "CHANGE": CHANGE,
    "MILESTONE": MILESTONE,
    "GROUP": GROUP,
    "OWNER_KIND": OWNER_KIND,
}
