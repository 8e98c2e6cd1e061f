"""Chain of custody: canonical forms of records, the signed hash chain, receipts, bundles."""
