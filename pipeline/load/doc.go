// Package load reads the pipeline's inputs: source documents (.txt with an
// optional NAME.meta.yaml sidecar) and fact files (YAML, JSON, JSONL, CSV).
// Every fact keeps its file, its position and a Locator for the position of
// any value inside it. Records that cannot be read as facts are reported
// through the Sink and counted, never dropped silently.
package load
