"""Legal wording printed on invoices (EU VAT directive 2006/112/EC and the French CGI)."""

REVERSE_CHARGE = (
    "Reverse charge: intra-Community supply of goods exempt from VAT under Article 138 of "
    "Council Directive 2006/112/EC; VAT is to be accounted for by the customer. "
    "Exonération de TVA, article 262 ter I du CGI - autoliquidation."
)
EXPORT_EXEMPTION = (
    "VAT exempt: export of goods outside the European Union, Article 146 of Council Directive "
    "2006/112/EC. Exonération de TVA, article 262 I du CGI."
)
LATE_PAYMENT = (
    "Late payment: interest at three times the legal rate and a fixed recovery fee of EUR 40 "
    "(articles L441-10 and D441-5 of the French commercial code). No discount for early payment."
)
COMMERCIAL_INVOICE_DECLARATION = (
    "I declare that the information on this invoice is true and correct and that the goods "
    "are of the origin stated."
)
