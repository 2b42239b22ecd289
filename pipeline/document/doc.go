// Package document holds a source document as the pipeline sees it: the raw
// bytes it was read from, the cleaned text, the blocks found in that text,
// and an offset map from the clean text back to the raw file's lines and
// columns, so that evidence found in clean text can be shown in the file.
package document
