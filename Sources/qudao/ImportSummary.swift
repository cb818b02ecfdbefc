import ChannelCore
import ChannelImport
import Foundation

/// The end-of-import summary: a table per file, totals, the first problems and where rejected rows went.
struct ImportSummary {
    var report: ImportReport
    var issuesShown = 20

    var text: String {
        var table = TextTable(
            header: ["file", "entity", "encoding", "rows", "inserted", "updated", "unchanged", "rejected"],
            rightAligned: [3, 4, 5, 6, 7])
        for file in report.files {
            table.rows.append(
                [
                    (file.path as NSString).lastPathComponent, file.kind.name, file.encoding, file.rows, file.inserted, file.updated,
                    file.unchanged, file.rejected,
                ].map { "\($0)" })
        }
        let rows = report.totalRows
        let rate = report.seconds > 0 ? Double(rows) / report.seconds : 0
        var lines = [table.text, ""]
        lines.append(
            "\(ProgressDisplay.grouped(rows)) rows in \(String(format: "%.2f", report.seconds)) s (\(ProgressDisplay.grouped(Int(rate))) rows/s)")
        for file in report.files where !file.ignoredHeaders.isEmpty {
            lines.append("note: \((file.path as NSString).lastPathComponent): ignored column(s) \(file.ignoredHeaders.joined(separator: ", "))")
        }
        for skipped in report.skipped {
            lines.append("note: skipped \(skipped.path): \(skipped.reason)")
        }
        if report.issueCount > 0 {
            lines.append("")
            lines.append("\(report.issueCount) problem\(report.issueCount == 1 ? "" : "s"):")
            for issue in report.issues.prefix(issuesShown) { lines.append("  \(issue)") }
            if report.issueCount > issuesShown { lines.append("  ... and \(report.issueCount - min(issuesShown, report.issues.count)) more") }
        }
        for file in report.files {
            if let rejected = file.rejectedFile { lines.append("rejected rows of \(file.path) with reasons: \(rejected)") }
        }
        if report.isCommitted {
            lines.append(report.totalRejected > 0 ? "imported the good rows; \(report.totalRejected) rejected (--on-error skip)" : "import committed")
        } else {
            lines.append("nothing was imported: the database is unchanged (--on-error abort); fix the rows above or use --on-error skip")
        }
        return lines.joined(separator: "\n")
    }
}
