/// Horizontal bars for ranked lists (top and bottom partners, products, regions), rendered as inline SVG markup.
///
/// Each row shows a label on the left, a bar, and the caller's value text in a column on the right. Bars grow from a
/// zero line: to the right for positive values, to the left (in another colour) for negative ones, so a list of growth
/// rates can mix both. Labels too long for their column are cut with `…`; every row has a `<title>` with the full
/// label and the value text, which browsers show on hover and screen readers read. Rows keep the caller's order.
public struct BarChart: Sendable {
    /// One row: the category, its value (NaN and infinities are drawn as 0) and how to show it.
    struct Bar: Sendable {
        let label: String
        let value: Double
        let text: String
    }

    let title: String
    let bars: [Bar]
    let language: Language

    /// A chart with one bar per entry of `bars`, top to bottom.
    ///
    /// - Parameters:
    ///   - title: What the chart shows; used for the SVG's `<title>` and `aria-label`.
    ///   - bars: Label, value and the value's display text (empty for none) of each row.
    ///   - language: The language of the built-in texts (the empty-state message).
    public init(title: String, bars: [(label: String, value: Double, text: String)], language: Language = .chinese) {
        self.title = title
        self.bars = bars.map { Bar(label: $0.label, value: $0.value.isFinite ? $0.value : 0, text: $0.text) }
        self.language = language
    }

    /// The chart as an `<svg>` element; its height grows with the number of bars.
    public func svg() -> String {
        guard !bars.isEmpty else {
            return SVGText.emptyDocument(title: title, message: language.pick("暂无数据", "No data"), kind: "bar")
        }
        let layout = Layout(bars: bars)
        var body = ""
        for (index, bar) in bars.enumerated() {
            body += row(bar, index: index, layout: layout)
        }
        let zero = SVGText.coordinate(layout.x(0))
        body += "<line class=\"zero\" x1=\"\(zero)\" y1=\"\(SVGText.coordinate(Layout.padding))\" x2=\"\(zero)\" "
        body += "y2=\"\(SVGText.coordinate(layout.height - Layout.padding))\" stroke=\"#9ca3af\" stroke-width=\"1\"/>"
        return SVGText.document(title: title, width: Layout.width, height: layout.height, kind: "bar", body: body)
    }

    // MARK: - Drawing

    /// Columns: labels (fixed width), bars (the rest), value texts (as wide as the widest text, within limits).
    private struct Layout {
        // Narrow: the bars share a row with the map, about 450 px wide on a desktop.
        static let width = 480.0
        static let padding = 8.0
        static let rowHeight = 28.0
        static let barHeight = 18.0
        static let fontSize = 12.0
        static let labelWidth = 140.0
        static let maxValueWidth = 168.0
        let plotLeft: Double
        let plotRight: Double
        let lowest: Double
        let highest: Double
        let height: Double

        init(bars: [Bar]) {
            let widestText = bars.map { SVGText.estimatedWidth($0.text, fontSize: Self.fontSize) }.max() ?? 0
            plotLeft = Self.labelWidth + 10
            plotRight = Self.width - Self.padding - min(max(widestText, 12), Self.maxValueWidth) - 12
            lowest = min(bars.map(\.value).min() ?? 0, 0)
            let top = max(bars.map(\.value).max() ?? 0, 0)
            highest = top == lowest ? lowest + 1 : top
            height = 2 * Self.padding + Self.rowHeight * Double(bars.count)
        }

        func x(_ value: Double) -> Double {
            plotLeft + (plotRight - plotLeft) * (value - lowest) / (highest - lowest)
        }
    }

    private func row(_ bar: Bar, index: Int, layout: Layout) -> String {
        let centre = Layout.padding + Layout.rowHeight * (Double(index) + 0.5)
        let zero = layout.x(0)
        let end = layout.x(bar.value)
        let isNegative = bar.value < 0
        let label = SVGText.truncated(bar.label, toWidth: Layout.labelWidth - 4, fontSize: Layout.fontSize)
        let valueText = SVGText.truncated(bar.text, toWidth: Layout.maxValueWidth, fontSize: Layout.fontSize)
        let tooltip = bar.text.isEmpty ? bar.label : bar.label + language.pick("：", ": ") + bar.text
        let y = SVGText.coordinate(centre)
        var markup = "<g class=\"bar\"><title>\(SVGText.escaped(tooltip))</title>"
        markup += "<text class=\"bar-label\" x=\"\(SVGText.coordinate(Layout.labelWidth))\" y=\"\(y)\" dy=\"0.35em\" "
        markup += "text-anchor=\"end\" font-size=\"12\" fill=\"#374151\">\(SVGText.escaped(label))</text>"
        markup += "<rect class=\"\(isNegative ? "bar-negative" : "bar-positive")\" x=\"\(SVGText.coordinate(min(zero, end)))\" "
        markup += "y=\"\(SVGText.coordinate(centre - Layout.barHeight / 2))\" width=\"\(SVGText.coordinate(abs(end - zero)))\" "
        markup += "height=\"\(SVGText.coordinate(Layout.barHeight))\" rx=\"2\" fill=\"\(isNegative ? "#f97316" : "#3b82f6")\"/>"
        if !bar.text.isEmpty {
            markup += "<text class=\"bar-value\" x=\"\(SVGText.coordinate(Layout.width - Layout.padding))\" y=\"\(y)\" "
            markup += "dy=\"0.35em\" text-anchor=\"end\" font-size=\"12\" fill=\"#111827\">\(SVGText.escaped(valueText))</text>"
        }
        return markup + "</g>"
    }
}
