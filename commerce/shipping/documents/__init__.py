"""Order documents as PDFs: the invoice, the packing list and the commercial invoice.

Builders take plain data classes (`documents.data`) and return PDF bytes, so they are testable
without orders; `documents.services` maps an order onto them, numbers and stores the files.
"""
