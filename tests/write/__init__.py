"""Each writer: PDF (tagged, laid out, fillable), HTML, text, JSON and FHIR, and writing files."""
