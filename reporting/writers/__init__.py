"""Writers: a `ReportResult` (or a streamed detail table) to CSV or XLSX bytes."""
