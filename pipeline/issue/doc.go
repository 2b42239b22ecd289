// Package issue holds what every stage reports: an Issue is one data problem
// with a severity, a stable dotted code and the place it was found. A stage
// appends issues and goes on; a Go error means only that the run could not
// continue. The package also holds the run's Summary and Report, which the
// exporters write and the CLI prints. It imports nothing from the pipeline so
// that every stage can depend on it.
package issue
