// Package export writes a run's results: out/dossier.json, out/csv/*.csv,
// out/dossier.xlsx and out/report.json. Exporters are chosen by format name
// from one table. Every file is written to a temporary file beside its
// destination and renamed into place only when all of them are complete, so
// a failed run leaves the previous outputs as they were.
package export
