// Package report writes a run's issues in the forms that people and CI
// systems read, and keeps baselines so that a gate fails only on new issues.
//
// The plain formats are kept in one explicit table, looked up by name with
// Write; Formats lists the names for --help and config checks:
//
//   - text: one issue a line, FILE:LINE:COL: SEVERITY CODE: MESSAGE, the form
//     editors and CI logs recognise (issue.Issue.String).
//   - github: GitHub Actions workflow commands (::error, ::warning, ::notice),
//     which turn into annotations on the pull request's diff.
//   - json: the issues as a JSON array, fields in a fixed order.
//   - junit: JUnit XML, a test case per input file (see WriteJUnit).
//   - sarif: SARIF 2.1.0 for code-scanning dashboards (see WriteSARIF).
//
// Formats that need more than the issues take it from Options: JUnit the list
// of inputs, so that clean files show up as passing test cases; SARIF the tool
// version and the rule table. WriteJUnit and WriteSARIF are the same writers
// called directly.
//
// Every writer is deterministic: it sorts the issues with issue.Compare (a
// sorted slice is written as it is, an unsorted one is sorted in a copy) and
// never writes the time, so the same issues give the same bytes.
//
// A Baseline records today's issues by what they are about, not where they
// sit: severity, code, file, record id and JSON pointer (the message stands in
// for the record when the issue names none), with a count for each such
// fingerprint. Lines and columns are left out because they shift whenever the
// file is edited. Compare splits a later run's issues into New (not in the
// baseline), Present (already there) and Fixed (baseline entries no longer
// seen); the caller lets only New issues decide the exit status. Given a
// baseline in Options, the github, junit and sarif formats show the issues
// it covers as known (a notice, no failure, a suppressed result).
//
// Summary formats issue.Counts as "2 errors, 1 warning, 3 infos".
package report
