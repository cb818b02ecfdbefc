@testable import ChannelCore
import Foundation
import Testing

/// A file with exactly one mistake, and where and why it must be reported.
struct IssueCase: Sendable, CustomTestStringConvertible {
    var name: String
    var text: String
    /// The issue must point at the first occurrence of this text (its first character) in `text`.
    var at: String
    var path: String
    var message: String
    var testDescription: String { name }

    /// Line and column (in Unicode scalars, from 1) of the first occurrence of `at`.
    var expectedPosition: SourcePosition? {
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: at) {
                let column = line.unicodeScalars[..<range.lowerBound].count + 1
                return SourcePosition(line: number + 1, column: column)
            }
        }
        return nil
    }
}

@Suite struct RuleIssueTests {
    /// A valid rule whose condition (a flow mapping on line 6) is `condition`; line 1 is `rules:`.
    static func file(condition: String, extra: String = "") -> String {
        """
        rules:
          - id: r1
            name: 规则
            severity: warning
            risk_type: late_delivery
            condition: \(condition)\(extra.isEmpty ? "" : "\n" + extra)
        """
    }

    static let measure = "kind: measure, measure: on_time_rate, window: 7d, op: \"<\""

    static let cases: [IssueCase] = [
        IssueCase(
            name: "unknown condition key with a suggestion",
            text: file(condition: "{\(measure), threshold: 0.9, thresold: 0.8}"),
            at: "thresold: 0.8", path: "rules[0].condition.thresold",
            message: "unknown key `thresold` (did you mean `threshold`?)"),
        IssueCase(
            name: "camelCase key",
            text: file(condition: "{kind: late_shipments, grace: 2h, minCount: 2}"),
            at: "minCount", path: "rules[0].condition.minCount",
            message: "unknown key `minCount` (did you mean `min_count`?)"),
        IssueCase(
            name: "unknown rule key without a suggestion",
            text: file(condition: "{kind: suspended_partner_order}", extra: "    owner: ops"),
            at: "owner", path: "rules[0].owner",
            message: "unknown key `owner`; allowed keys: id, name, name_en, severity, cooldown, enabled, risk_type,"),
        IssueCase(
            name: "condition parameter at rule level",
            text: file(condition: "{kind: suspended_partner_order}", extra: "    thresold: 0.9"),
            at: "thresold", path: "rules[0].thresold",
            message: "did you mean `threshold`? Condition parameters go under `condition:`"),
        IssueCase(
            name: "missing required key",
            text: file(condition: "{\(measure)}"),
            at: "{kind: measure", path: "rules[0].condition.threshold",
            message: "missing required key `threshold`, e.g. threshold: 0.9"),
        IssueCase(
            name: "missing kind",
            text: file(condition: "{grace: 2h}"),
            at: "{grace", path: "rules[0].condition.kind", message: "missing required key `kind`"),
        IssueCase(
            name: "unknown kind",
            text: file(condition: "{kind: late_shipment, grace: 2h}"),
            at: "late_shipment,", path: "rules[0].condition.kind",
            message: "`late_shipment` is not a condition kind (did you mean `late_shipments`?); use one of measure,"),
        IssueCase(
            name: "severity not allowed",
            text: file(condition: "{kind: suspended_partner_order}").replacingOccurrences(of: "warning", with: "high"),
            at: "high", path: "rules[0].severity",
            message: "`high` is not a severity; use one of info, warning, critical"),
        IssueCase(
            name: "text where a number belongs",
            text: file(condition: "{\(measure), threshold: ninety}"),
            at: "ninety", path: "rules[0].condition.threshold", message: "expected a number, found text `ninety`"),
        IssueCase(
            name: "quoted number",
            text: file(condition: "{\(measure), threshold: \"0.9\"}"),
            at: "\"0.9\"", path: "rules[0].condition.threshold",
            message: "`0.9` is quoted, so it is text; write the number without quotes"),
        IssueCase(
            name: "fraction where a whole number belongs",
            text: file(condition: "{kind: late_shipments, grace: 2h, min_count: 1.5}"),
            at: "1.5", path: "rules[0].condition.min_count", message: "expected a whole number"),
        IssueCase(
            name: "text where a list belongs",
            text: file(condition: "{\(measure), threshold: 0.9, by: province}"),
            at: "province}", path: "rules[0].condition.by",
            message: "expected a list, e.g. [province], found text `province`"),
        IssueCase(
            name: "text where true or false belongs",
            text: file(condition: "{kind: suspended_partner_order}", extra: "    enabled: sometimes"),
            at: "sometimes", path: "rules[0].enabled", message: "expected true or false, found text `sometimes`"),
        IssueCase(
            name: "list where a condition belongs",
            text: file(condition: "[measure]"),
            at: "[measure]", path: "rules[0].condition",
            message: "expected a condition (a mapping with kind: ...), found a list"),
        IssueCase(
            name: "duration without a unit",
            text: file(condition: "{kind: late_shipments, grace: 12}"),
            at: "12}", path: "rules[0].condition.grace", message: "`12` has no unit; write e.g. 12d, 12h or 12m"),
        IssueCase(
            name: "malformed duration",
            text: file(condition: "{kind: measure, measure: on_time_rate, window: 7days, op: \"<\", threshold: 0.9}"),
            at: "7days", path: "rules[0].condition.window",
            message: "`7days` is not a duration; use e.g. 7d, 12h or 30m"),
        IssueCase(
            name: "zero duration",
            text: file(condition: "{kind: late_shipments, grace: 0h}"),
            at: "0h", path: "rules[0].condition.grace", message: "`0h` is zero; a duration must be more than 0"),
        IssueCase(
            name: "window in hours",
            text: file(condition: "{kind: online_price_below_dealer, tolerance: 0.05, window: 36h}"),
            at: "36h", path: "rules[0].condition.window",
            message: "`36h` is not a whole number of days; a window is 1d to 366d"),
        IssueCase(
            name: "window over a year",
            text: file(condition: "{kind: win_win_drop, points: 5, window: 400d}"),
            at: "400d", path: "rules[0].condition.window", message: "`400d` is too long; at most 366d"),
        IssueCase(
            name: "cooldown over 30 days",
            text: file(condition: "{kind: suspended_partner_order}", extra: "    cooldown: 31d"),
            at: "31d", path: "rules[0].cooldown", message: "`31d` is too long; at most 30d"),
        IssueCase(
            name: "rate threshold written as a percentage",
            text: file(condition: "{\(measure), threshold: 90}"),
            at: "90}", path: "rules[0].condition.threshold",
            message: "90 is out of range; on_time_rate is a rate, a fraction from 0 to 1 (write 0.9 for 90 %)"),
        IssueCase(
            name: "absolute change of a rate beyond 1",
            text: file(condition: "{\(measure), threshold: -5, compare: {as: absolute}}"),
            at: "-5", path: "rules[0].condition.threshold",
            message: "-5 is out of range; an absolute change of the rate on_time_rate lies from -1 to 1"),
        IssueCase(
            name: "relative fall of more than 100 %",
            text: file(
                condition:
                    "{kind: measure, measure: net_sales, window: 7d, op: \"<\", threshold: -1.5, "
                    + "compare: {as: relative}}"
            ),
            at: "-1.5", path: "rules[0].condition.threshold",
            message: "-1.5 is out of range; a relative change is more than -1"),
        IssueCase(
            name: "compare on another kind",
            text: file(condition: "{kind: stock_below_safety, compare: {as: relative}}"),
            at: "compare", path: "rules[0].condition.compare",
            message: "unknown key `compare`; `compare` only applies to `measure` conditions, not `stock_below_safety`"),
        IssueCase(
            name: "service level out of range",
            text: file(condition: "{kind: stock_below_safety, service_level: 0.3}"),
            at: "0.3", path: "rules[0].condition.service_level",
            message: "0.3 is out of range; a service level is from 0.5 to 0.999, e.g. 0.95"),
        IssueCase(
            name: "unknown dimension in by",
            text: file(condition: "{\(measure), threshold: 0.9, by: [provnce]}"),
            at: "provnce", path: "rules[0].condition.by[0]",
            message: "`provnce` is not a dimension (did you mean `province`?); use one of province, city,"),
        IssueCase(
            name: "time bucket in by",
            text: file(condition: "{\(measure), threshold: 0.9, by: [month]}"),
            at: "month", path: "rules[0].condition.by[0]", message: "`month` is a time bucket"),
        IssueCase(
            name: "repeated dimension in by",
            text: file(condition: "{\(measure), threshold: 0.9, by: [city, city]}"),
            at: "city]", path: "rules[0].condition.by[1]", message: "`city` is listed twice"),
        IssueCase(
            name: "unknown dimension in filters",
            text: file(condition: "{\(measure), threshold: 0.9, filters: {chanel: [online]}}"),
            at: "chanel", path: "rules[0].condition.filters.chanel",
            message: "`chanel` is not a dimension (did you mean `channel`?)"),
        IssueCase(
            name: "empty filter list",
            text: file(condition: "{\(measure), threshold: 0.9, filters: {channel: []}}"),
            at: "[]}", path: "rules[0].condition.filters.channel", message: "is an empty list"),
        IssueCase(
            name: "unknown risk type",
            text: file(condition: "{kind: suspended_partner_order}").replacingOccurrences(
                of: "late_delivery", with: "stockout"),
            at: "stockout", path: "rules[0].risk_type",
            message: "`stockout` is not a risk type (did you mean `stock_out`?)"),
        IssueCase(
            name: "id that is not a slug",
            text: file(condition: "{kind: suspended_partner_order}").replacingOccurrences(
                of: "id: r1", with: "id: Late East"),
            at: "Late East", path: "rules[0].id", message: "`Late East` is not a slug"),
        IssueCase(
            name: "unknown complaint severity",
            text: file(condition: "{kind: complaint_response_overdue, sla: {urgent: 1h}}"),
            at: "urgent", path: "rules[0].condition.sla.urgent", message: "unknown key `urgent`; allowed keys: low,"),
        IssueCase(
            name: "unknown anomaly kind",
            text: file(condition: "{kind: anomalous_order, kinds: [quantity_spikes]}"),
            at: "quantity_spikes", path: "rules[0].condition.kinds[0]",
            message: "`quantity_spikes` is not an anomaly kind (did you mean `quantity_spike`?)"),
        IssueCase(
            name: "tier out of range",
            text: file(condition: "{kind: win_win_drop, points: 5, window: 91d, tiers: [10]}"),
            at: "10]", path: "rules[0].condition.tiers[0]", message: "10 is not a partner tier; tiers are 0 to 9"),
        IssueCase(
            name: "wildcard inside a location",
            text: file(condition: "{kind: stock_below_safety, locations: [WH-*-01]}"),
            at: "WH-*-01", path: "rules[0].condition.locations[0]", message: "`*` may only end a prefix"),
        IssueCase(
            name: "unquoted greater-than in YAML",
            text: file(condition: "x").replacingOccurrences(
                of: "condition: x",
                with:
                    "condition:\n      kind: measure\n      measure: csat\n      window: 7d\n      op: >\n"
                    + "      threshold: 4"
            ),
            at: ">", path: "rules[0].condition.op", message: "in YAML an unquoted `>` starts a block of text"),
        IssueCase(
            name: "YAML syntax error",
            text: "rules:\n  - id: a\n   name: b\n",
            at: "name: b", path: "", message: "not valid YAML: "),
        IssueCase(
            name: "unquoted greater-or-equal breaks the YAML",
            text: "rules:\n  - id: a\n    condition:\n      op: >=\n",
            at: "=", path: "", message: "quote operators: op: \">=\""),
        IssueCase(
            name: "JSON syntax error",
            text: "{\"rules\": [\n  {\"id\": \"a\",, \"name\": \"b\"}\n]}",
            at: ", \"name\"", path: "", message: "not valid JSON: "),
        IssueCase(
            name: "key given twice",
            text: "rules:\n  - id: a\n    name: b\n    id: c\n",
            at: "id", path: "", message: "key `id` is given more than once in the same mapping"),
        IssueCase(
            name: "empty file",
            text: "# nothing yet\n", at: "#", path: "", message: "the file has no rules"),
        IssueCase(
            name: "rules is not a list",
            text: "rules: {id: a}", at: "{id", path: "rules", message: "expected a list of rules, found a mapping"),
        IssueCase(
            name: "unknown top-level key",
            text: "rules: []\nrule: []", at: "rule:", path: "rule",
            message: "unknown key `rule` (did you mean `rules`?)"),
        IssueCase(
            name: "a rule that is not a mapping",
            text: "- 42", at: "42", path: "rules[0]",
            message: "expected a rule (a mapping with id, name, ...), found the number 42"),
    ]

    @Test(arguments: cases)
    func reportsWhereAndWhy(issueCase: IssueCase) throws {
        let found = issues(of: issueCase.text)
        #expect(found.count == 1, "\(found)")
        let issue = try #require(found.first)
        #expect(issue.position == (try #require(issueCase.expectedPosition)))
        #expect(issue.path.description == issueCase.path)
        #expect(issue.message.contains(issueCase.message), "\(issue.message)")
    }

    @Test func collectsEveryIssueInFileOrder() {
        let text = """
            rules:
              - id: late-east
                name: 华东
                severity: urgent
                risk_type: late_delivery
                condition: {kind: measure, measure: on_time_rate, window: 7days, op: "<", threshold: 90}
              - id: late-east
                name: 重复
                severity: info
                risk_type: fraud
                condition: {kind: late_shipments, grace: 2h, thresold: 1}
            """
        let found = issues(of: text)
        #expect(found.map(\.position.description) == ["4:15", "6:63", "6:90", "7:9", "11:50"])
        #expect(
            found.map(\.path.description) == [
                "rules[0].severity", "rules[0].condition.window", "rules[0].condition.threshold", "rules[1].id",
                "rules[1].condition.thresold",
            ])
        #expect(found.allSatisfy { $0.ruleID == "late-east" })
    }

    @Test func duplicateIDsAreReportedAtTheRepeat() {
        let text = """
            - {id: a, name: 甲, severity: info, risk_type: fraud, condition: {kind: anomalous_order}}
            - {id: b, name: 乙, severity: info, risk_type: fraud, condition: {kind: anomalous_order}}
            - {id: a, name: 丙, severity: info, risk_type: fraud, condition: {kind: anomalous_order}}
            """
        let found = issues(of: text)
        #expect(found.count == 1)
        #expect(found.first?.position == SourcePosition(line: 3, column: 8))
        #expect(found.first?.message == "duplicate id `a`; rules[0] at 1:8 has it already, and ids must be unique")
    }

    @Test func reportNamesFileLineColumnRuleAndPath() {
        let text = Self.file(
            condition: "{kind: measure, measure: on_time_rate, window: 7days, op: \"<\", threshold: 0.9}"
        )
        .replacingOccurrences(of: "id: r1", with: "id: late-east")
        do {
            _ = try AlertRuleFile.parse(text)
            Issue.record("expected issues")
        } catch {
            let report = error.report(file: "rules.yaml")
            #expect(
                report
                    == "rules.yaml:6:63: rules[0] (late-east): condition.window: "
                    + "`7days` is not a duration; use e.g. 7d, 12h or 30m"
            )
        }
    }

    @Test func positionsInJSONFiles() {
        let text = """
            [
              {
                "id": "a", "name": "甲", "severity": "info", "risk_type": "fraud",
                "condition": {"kind": "late_shipments", "grace": "2 hours"}
              }
            ]
            """
        let found = issues(of: text)
        #expect(
            found.map(\.description) == [
                "4:54: rules[0] (a): condition.grace: `2 hours` is not a duration; use e.g. 7d, 12h or 30m"
            ])
    }

    @Test func columnsCountCharactersNotBytes() {
        let found = issues(
            of: "- {name: 华东华东, id: x, severity: bad, risk_type: fraud, condition: {kind: anomalous_order}}")
        #expect(found.first?.position == SourcePosition(line: 1, column: 33))
    }

    @Test func bytesThatAreNotUTF8() {
        var data = Data("rules:\n  - id: a\n    name: ".utf8)
        data.append(contentsOf: [0xB9, 0xE3])  // "广" in GBK
        do {
            _ = try AlertRuleFile.parse(data)
            Issue.record("expected issues")
        } catch {
            let issue = error.issues.first
            #expect(issue?.position == SourcePosition(line: 3, column: 11))
            #expect(issue?.message.contains("not UTF-8") == true)
        }
    }

    @Test func utf8BytesParse() throws {
        let data = Data(("\u{FEFF}" + Self.file(condition: "{kind: anomalous_order}")).utf8)
        #expect(try AlertRuleFile.parse(data).map(\.id) == ["r1"])
    }
}

extension RuleIssueTests {
    @Test func tabIndentationGetsAHint() {
        let found = issues(of: "rules:\n\t- id: a\n")
        #expect(found.map(\.position) == [SourcePosition(line: 2, column: 1)])
        #expect(found.first?.message.hasSuffix("YAML is indented with spaces; replace the tabs") == true)
    }
}

extension RuleIssueTests {
    @Test func singleRuleIssuesStartAtTheRule() {
        let body =
            #"{"id": "late-east", "name": "华东", "severity": "warning", "risk_type": "late_delivery", "#
            + #""condition": {"kind": "late_shipments", "grace": "soon"}}"#
        do {
            _ = try AlertRuleFile.parseRule(body)
            Issue.record("expected issues")
        } catch {
            let report = error.report(file: "request body")
            #expect(
                report == "request body:1:137: rule (late-east): condition.grace: "
                    + "`soon` is not a duration; use e.g. 7d, 12h or 30m")
        }
    }
}
