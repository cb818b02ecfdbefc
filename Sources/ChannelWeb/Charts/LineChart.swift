/// A line chart over categorical x labels (months, weeks, days), rendered as inline SVG markup.
///
/// The first series is the current one, drawn solid; any further series (usually one: the same period a year
/// earlier) are comparisons, drawn dashed in lighter colours, and a legend names them all. A `nil` value is a gap:
/// the line stops before it and starts again after it. The y axis has 4 to 6 "nice" ticks (steps of 1, 2 or 5 × 10ᵏ)
/// and always includes zero, so it starts at 0 when every value is positive. The SVG has a `viewBox` and
/// `width="100%"`, so it scales to its container; it carries `role="img"`, an `aria-label` and a `<title>`.
///
/// All texts, including the tick and point labels from `valueText`, are computed at init; the value holds no
/// closure and is `Sendable`.
public struct LineChart: Sendable {
    /// One line: a name for the legend, a value (or gap) per x label, and the display text of each value.
    struct Series: Sendable {
        let name: String
        let values: [Double?]
        let texts: [String?]
    }

    /// A y-axis tick and its label.
    struct Tick: Sendable {
        let value: Double
        let text: String
    }

    let title: String
    let labels: [String]
    let series: [Series]
    let ticks: [Tick]
    let language: Language

    /// A chart of `series` over `labels`.
    ///
    /// - Parameters:
    ///   - title: What the chart shows; used for the SVG's `<title>` and `aria-label`.
    ///   - labels: The x categories, in order (e.g. `2026-01` … `2026-12`).
    ///   - series: The current series first, then comparisons. Each `values` array is aligned with `labels`: a
    ///     shorter array is padded with gaps, a longer one cut; NaN and infinite values count as gaps.
    ///   - language: The language of the built-in texts (the empty-state message).
    ///   - valueText: Formats a value for the y axis and the point tooltips, e.g. `{ SVGText.compact($0, language: .chinese) }`.
    public init(
        title: String,
        labels: [String],
        series: [(name: String, values: [Double?])],
        language: Language = .chinese,
        valueText: (Double) -> String
    ) {
        self.title = title
        self.labels = labels
        self.language = language
        self.series = series.map { entry in
            let values: [Double?] = labels.indices.map { index in
                guard index < entry.values.count, let value = entry.values[index], value.isFinite else { return nil }
                return value
            }
            return Series(name: entry.name, values: values, texts: values.map { $0.map(valueText) })
        }
        let present = self.series.flatMap { $0.values.compactMap { $0 } }
        if let lowest = present.min(), let highest = present.max() {
            ticks = Self.niceTicks(lower: min(lowest, 0), upper: max(highest, 0)).map { Tick(value: $0, text: valueText($0)) }
        } else {
            ticks = []
        }
    }

    /// Whether there is nothing to draw: no labels or no value in any series.
    public var isEmpty: Bool { ticks.isEmpty }

    /// Axis ticks covering `lower`…`upper` with a step of 1, 2 or 5 × 10ᵏ: the smallest such step that needs at most
    /// six ticks, which always gives at least four.
    ///
    /// The first tick is at or below `lower` and the last at or above `upper`; for `0…97` that is 0, 20, … 100 and for
    /// `0…0.153` it is 0, 0.05, … 0.2. Equal bounds get a unit-wide range around them; non-finite bounds give `[0, 1]`.
    public static func niceTicks(lower: Double, upper: Double) -> [Double] {
        guard lower.isFinite, upper.isFinite else { return [0, 1] }
        var low = min(lower, upper)
        var high = max(lower, upper)
        if low == high {
            // A single value: span from zero to it, or 0…1 when it is zero.
            low = min(low, 0)
            high = max(high, 0)
            if low == high { high = low + 1 }
        }
        let range = high - low
        // Start two decades below the range's own, then walk up 1, 2, 5, 10, 20, 50 …
        var exponent = 0
        while power(exponent) > range, exponent > -300 { exponent -= 1 }
        while power(exponent + 1) <= range, exponent < 300 { exponent += 1 }
        exponent -= 2
        for _ in 0..<12 {
            for mantissa in [1, 2, 5] {
                let step = Double(mantissa) * power(exponent)
                // A hair of tolerance so that 0.15 / 0.05 = 2.9999999999999996 still counts as 3 steps.
                let first = (low / step + 1e-9).rounded(.down)
                let last = (high / step - 1e-9).rounded(.up)
                // Far from zero relative to the range, the tick indices would not fit an Int; settle for the bounds.
                guard abs(first) < 1e15, abs(last) < 1e15 else { return [low, high] }
                if last - first + 1 <= 6 {
                    return stride(from: first, through: last, by: 1).map { tick(Int($0), mantissa: mantissa, exponent: exponent) }
                }
            }
            exponent += 1
        }
        return [low, high]
    }

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        guard !isEmpty, let lowest = ticks.first?.value, let highest = ticks.last?.value else {
            return SVGText.emptyDocument(title: title, message: language.pick("暂无数据", "No data"), kind: "line")
        }
        let layout = Layout(chart: self)
        var body = ""
        body += gridAndYAxis(layout: layout, lowest: lowest, highest: highest)
        body += xAxis(layout: layout)
        for index in series.indices.reversed() {  // the current series last, so it is drawn on top
            body += line(index, layout: layout, lowest: lowest, highest: highest)
        }
        if series.count > 1 { body += legend(layout: layout) }
        return SVGText.document(title: title, width: Layout.width, height: Layout.height, kind: "line", body: body)
    }

    // MARK: - Drawing

    /// The geometry shared by the parts of the chart.
    private struct Layout {
        // Wide: the trend spans the page; at 1,200 px the labels come out at about 14 px.
        static let width = 960.0
        static let height = 280.0
        static let fontSize = 11.0
        let left: Double
        let right: Double
        let top: Double
        let bottom: Double

        init(chart: LineChart) {
            let widestTick = chart.ticks.map { SVGText.estimatedWidth($0.text, fontSize: Self.fontSize) }.max() ?? 0
            // The first and last x labels are centred on the plot's edges, so half of them must fit in the margins.
            let halfLabel = (chart.labels.map { SVGText.estimatedWidth($0, fontSize: Self.fontSize) }.max() ?? 0) / 2 + 4
            left = min(max(widestTick + 14, halfLabel, 36), 160)
            right = Self.width - min(max(halfLabel, 16), 120)
            top = chart.series.count > 1 ? 36 : 14
            bottom = Self.height - 30
        }

        func x(_ index: Int, count: Int) -> Double {
            count > 1 ? left + (right - left) * Double(index) / Double(count - 1) : (left + right) / 2
        }

        func y(_ value: Double, lowest: Double, highest: Double) -> Double {
            bottom - (bottom - top) * (value - lowest) / (highest - lowest)
        }
    }

    private static let colors = ["#2563eb", "#94a3b8", "#f59e0b", "#10b981", "#a855f7"]

    private static func color(_ index: Int) -> String { colors[index % colors.count] }

    private func gridAndYAxis(layout: Layout, lowest: Double, highest: Double) -> String {
        var markup = ""
        for tick in ticks {
            let y = SVGText.coordinate(layout.y(tick.value, lowest: lowest, highest: highest))
            let stroke = tick.value == 0 ? "#9ca3af" : "#e5e7eb"
            markup += "<line class=\"grid\" x1=\"\(SVGText.coordinate(layout.left))\" y1=\"\(y)\" "
            markup += "x2=\"\(SVGText.coordinate(layout.right))\" y2=\"\(y)\" stroke=\"\(stroke)\" stroke-width=\"1\"/>"
            markup += "<text class=\"axis-label\" x=\"\(SVGText.coordinate(layout.left - 6))\" y=\"\(y)\" dy=\"0.35em\" "
            markup += "text-anchor=\"end\" font-size=\"11\" fill=\"#6b7280\">\(SVGText.escaped(tick.text))</text>"
        }
        return markup
    }

    /// The x labels, thinned to every n-th when they would overlap (estimated from the widest label plus a 4-unit gap).
    private func xAxis(layout: Layout) -> String {
        let count = labels.count
        let widest = labels.map { SVGText.estimatedWidth($0, fontSize: Layout.fontSize) }.max() ?? 0
        let spacing = (layout.right - layout.left) / Double(max(count - 1, 1))
        let every = max(Int(((widest + 4) / spacing).rounded(.up)), 1)
        let y = SVGText.coordinate(layout.bottom + 18)
        var markup = ""
        for (index, label) in labels.enumerated() where index % every == 0 {
            let x = SVGText.coordinate(layout.x(index, count: count))
            markup += "<text class=\"axis-label\" x=\"\(x)\" y=\"\(y)\" text-anchor=\"middle\" font-size=\"11\" "
            markup += "fill=\"#6b7280\">\(SVGText.escaped(label))</text>"
        }
        return markup
    }

    /// One series: a path whose `M` commands restart it after each gap, plus dots with tooltips.
    ///
    /// Dots are drawn for every point when there are at most 60 labels, otherwise only for points standing alone
    /// between gaps (which the path alone would not show).
    private func line(_ index: Int, layout: Layout, lowest: Double, highest: Double) -> String {
        let entry = series[index]
        let count = labels.count
        let color = Self.color(index)
        let isComparison = index > 0
        var path = ""
        var dots = ""
        var previousPresent = false
        for (position, value) in entry.values.enumerated() {
            guard let value else {
                previousPresent = false
                continue
            }
            let x = SVGText.coordinate(layout.x(position, count: count))
            let y = SVGText.coordinate(layout.y(value, lowest: lowest, highest: highest))
            path += (previousPresent ? "L" : "M") + "\(x) \(y)"
            previousPresent = true
            let nextPresent = position + 1 < count && entry.values[position + 1] != nil
            let isolated = !nextPresent && (position == 0 || entry.values[position - 1] == nil)
            guard count <= 60 || isolated else { continue }
            let tooltip = labels[position] + " · " + entry.name + ": " + (entry.texts[position] ?? "")
            dots += "<circle cx=\"\(x)\" cy=\"\(y)\" r=\"\(isComparison ? "2.5" : "3")\" fill=\"\(color)\">"
            dots += "<title>\(SVGText.escaped(tooltip))</title></circle>"
        }
        let dash = isComparison ? " stroke-dasharray=\"6 4\"" : ""
        var markup = "<g class=\"series\(isComparison ? " series-comparison" : "")\">"
        if !path.isEmpty {
            markup += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(isComparison ? "2" : "2.5")\"\(dash) "
            markup += "stroke-linejoin=\"round\" stroke-linecap=\"round\"/>"
        }
        return markup + dots + "</g>"
    }

    /// A row of line samples and names above the plot.
    private func legend(layout: Layout) -> String {
        var markup = "<g class=\"legend\">"
        var x = layout.left
        let y = 16.0
        for (index, entry) in series.enumerated() {
            let dash = index > 0 ? " stroke-dasharray=\"6 4\"" : ""
            markup += "<line x1=\"\(SVGText.coordinate(x))\" y1=\"\(SVGText.coordinate(y))\" x2=\"\(SVGText.coordinate(x + 22))\" "
            markup += "y2=\"\(SVGText.coordinate(y))\" stroke=\"\(Self.color(index))\" stroke-width=\"2.5\"\(dash)/>"
            let name = SVGText.truncated(entry.name, toWidth: 200, fontSize: 12)
            markup += "<text x=\"\(SVGText.coordinate(x + 28))\" y=\"\(SVGText.coordinate(y))\" dy=\"0.35em\" font-size=\"12\" "
            markup += "fill=\"#374151\">\(SVGText.escaped(name))</text>"
            x += 28 + SVGText.estimatedWidth(name, fontSize: 12) + 20
        }
        return markup + "</g>"
    }

    /// 10^exponent, exact for the exponents that matter (a product or quotient of exact powers of ten).
    private static func power(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// `index × mantissa × 10^exponent`, dividing by a positive power for negative exponents so that, say, 3 × 5 / 100
    /// is exactly 0.15 rather than 3 × 0.05 = 0.15000000000000002.
    private static func tick(_ index: Int, mantissa: Int, exponent: Int) -> Double {
        let whole = Double(index * mantissa)
        return exponent < 0 ? whole / power(-exponent) : whole * power(exponent)
    }
}
