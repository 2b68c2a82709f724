"""The demo FAQ: real questions buyers ask about used barrels shipped across borders."""

FAQ = [
    (
        "shipping",
        "Which countries do you ship barrels to?",
        "<p>We ship to the whole European Union, the United Kingdom, Switzerland and Norway "
        "by road, and to North America, Asia and Oceania by sea freight. If your country is not "
        "offered at checkout, ask us for a quote: most destinations are possible.</p>",
    ),
    (
        "shipping",
        "How are barrels packed for transport?",
        "<p>Barrels travel strapped on pallets (usually four 225 L barriques per pallet), "
        "stretch-wrapped and with the bungs sealed. Full-container orders are loaded by our own "
        "team and blocked so that nothing rolls in transit.</p>",
    ),
    (
        "shipping",
        "How long does delivery take?",
        "<p>Within the EU, allow 3 to 7 working days by road once the order is paid. Sea freight "
        "outside Europe takes 3 to 6 weeks door to door, depending on the port and on customs.</p>",
    ),
    (
        "shipping",
        "Who pays import duties and taxes outside the EU?",
        "<p>Unless your quote says otherwise we ship <b>DAP</b> (Delivered At Place): freight is "
        "included, and import duties, import VAT and the customs broker's fees at destination are "
        "paid by the buyer. Wooden casks are classified under HS code 4416; we provide the "
        "commercial invoice and packing list your broker needs.</p>",
    ),
    (
        "shipping",
        "Do used barrels need a phytosanitary certificate?",
        "<p>Casks are goods, not wood packaging, so the ISPM 15 pallet rules do not apply to them. "
        "Some countries (Australia and New Zealand, for example) ask for a phytosanitary "
        "certificate or an inspection at arrival. Tell us the destination and we arrange the "
        "certificate with the plant-health authority before shipping.</p>",
    ),
    (
        "payment",
        "How can I pay?",
        "<p>By card at checkout, or by bank transfer (SEPA or SWIFT). Verified business customers "
        "can also be invoiced, payable within 30 days once their account is approved.</p>",
    ),
    (
        "payment",
        "In which currency are prices shown?",
        "<p>Prices are in euros (EUR). If you pay by card in another currency, your bank converts "
        "the amount at its own rate.</p>",
    ),
    (
        "payment",
        "Is VAT included in the price?",
        "<p>For private buyers in the EU, VAT of the destination country is added at checkout. EU "
        "businesses with a valid VAT number (checked in VIES) are invoiced without VAT under the "
        "reverse-charge rule. Exports outside the EU are invoiced without VAT; import taxes "
        "are due at destination.</p>",
    ),
    (
        "b2b",
        "Do you offer volume prices for distilleries and breweries?",
        "<p>Yes. Verified business accounts see tier prices on each barrel from 10 units, and "
        "larger or mixed orders can be quoted: request a quote from your basket.</p>",
    ),
    (
        "b2b",
        "How do I open a business account?",
        "<p>Register, add your company details and VAT number, and we verify them within one "
        "working day. Once approved you see tier prices and can ask for quotes and invoices.</p>",
    ),
    (
        "b2b",
        "Can you supply a full container?",
        "<p>Yes. We regularly load 20-ft and 40-ft containers for distilleries overseas, with "
        "barrels matched by previous content and cooperage. Ask for a quote with your port of "
        "destination.</p>",
    ),
    (
        "barrel_care",
        "How do I store a barrel before filling it?",
        "<p>Keep it cool, out of the sun and in a humid place (60-80 % relative humidity). An "
        "empty barrel should be sulphured (burn a sulphur wick inside) every 4 to 6 weeks and "
        "kept bunged, or stored full of a holding solution.</p>",
    ),
    (
        "barrel_care",
        "My barrel leaks: what do I do?",
        "<p>A barrel that travelled dry often weeps at first. Fill it with clean cold water, a "
        "few litres at a time, turning it so the staves swell evenly, then fill it completely. "
        "Most leaks stop within 24 to 72 hours; change the water daily.</p>",
    ),
    (
        "barrel_care",
        "Can an ex-wine barrel be used for whisky, rum or beer?",
        "<p>Yes: ex-wine casks are prized for finishing spirits and for ageing stouts and sour "
        "beers. Rinse with hot water before filling. We smell-check every barrel before it "
        "ships and never sell one that has turned to vinegar.</p>",
    ),
]
