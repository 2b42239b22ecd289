// Package clean turns a scraped article into clean text: scrape boilerplate
// (menu text, "Edit" and "[edit]" glued to headings, citation markers) is
// removed, Unicode is NFC, white space is unified and blank runs collapse to
// one blank line between blocks. Every clean byte maps back to the raw file
// through a document.Map. Fold gives the looser form used to compare quotes.
package clean
