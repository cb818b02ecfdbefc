import ChannelWeb
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a parsed SVG: its name and attributes, and the text directly inside it.
private struct SVGElement {
    var name: String
    var attributes: [String: String]
    var text: String
}

/// Parses SVG markup with `XMLParser`, failing the test when it is not well-formed XML.
private final class SVGDocument: NSObject, XMLParserDelegate {
    private(set) var elements: [SVGElement] = []
    private var open: [Int] = []

    /// Nil (after recording an issue) when `markup` does not parse.
    static func parse(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) -> SVGDocument? {
        let document = SVGDocument()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = document
        guard parser.parse() else {
            Issue.record("not well-formed XML: \(String(describing: parser.parserError))", sourceLocation: sourceLocation)
            return nil
        }
        return document
    }

    func elements(named name: String) -> [SVGElement] { elements.filter { $0.name == name } }

    /// All character data, element by element.
    var texts: [String] { elements.map(\.text) }

    func parser(
        _ parser: XMLParser,
        didStartElement elementName: String,
        namespaceURI: String?,
        qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        open.append(elements.count)
        elements.append(SVGElement(name: elementName, attributes: attributes, text: ""))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard let index = open.last else { return }
        elements[index].text += string
    }
}

@Suite struct ChartTests {
    static let hostile = "<script>alert(\"x\")</script> & 'quoted'"

    // MARK: - Text

    @Test func escapesAllFiveCharactersAndDropsControlCharacters() {
        #expect(SVGText.escaped(Self.hostile) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;")
        #expect(SVGText.escaped("a\u{0}b\u{1B}c\td") == "abc\td")
        #expect(SVGText.escaped("渠道") == "渠道")
    }

    @Test(arguments: [
        (1_234_567.0, Language.english, "1.2M"),
        (1_234_567.0, Language.chinese, "123.5万"),
        (250_000_000.0, Language.chinese, "2.5亿"),
        (999_960.0, Language.english, "1M"),
        (1_234.0, Language.english, "1.2K"),
        (1_234.0, Language.chinese, "1234"),
        (-45_000.0, Language.english, "-45K"),
        (97.0, Language.english, "97"),
        (0.153, Language.english, "0.153"),
        (0.0, Language.chinese, "0"),
    ])
    func compactNumbers(value: Double, language: Language, expected: String) {
        #expect(SVGText.compact(value, language: language) == expected)
    }

    @Test func percentAndDecimals() {
        #expect(SVGText.percent(0.153) == "15.3%")
        #expect(SVGText.percent(0.05) == "5%")
        #expect(SVGText.decimal(12.50, maxFractionDigits: 2) == "12.5")
        #expect(SVGText.decimal(-0.004, maxFractionDigits: 2) == "0")
        #expect(SVGText.decimal(0.15000000000000002, maxFractionDigits: 3) == "0.15")
    }

    // MARK: - Nice ticks

    @Test func niceTicksForTypicalRanges() {
        #expect(LineChart.niceTicks(lower: 0, upper: 97) == [0, 20, 40, 60, 80, 100])
        #expect(LineChart.niceTicks(lower: 0, upper: 0.153) == [0, 0.05, 0.1, 0.15, 0.2])
        #expect(LineChart.niceTicks(lower: 0, upper: 1_234_567) == [0, 500_000, 1_000_000, 1_500_000])
        #expect(LineChart.niceTicks(lower: -30, upper: 45) == [-40, -20, 0, 20, 40, 60])
        #expect(LineChart.niceTicks(lower: 0, upper: 0) == [0, 0.2, 0.4, 0.6, 0.8, 1])
    }

    @Test(arguments: [0.001, 0.7, 3, 6, 12, 26, 97, 101, 999, 12_345, 8.6e9])
    func niceTicksAreFourToSixEvenStepsCoveringTheRange(upper: Double) throws {
        let ticks = LineChart.niceTicks(lower: 0, upper: upper)
        #expect((4...6).contains(ticks.count))
        #expect(ticks.first == 0)
        let last = try #require(ticks.last)
        #expect(last >= upper)
        let step = ticks[1] - ticks[0]
        var mantissa = step
        while mantissa >= 10 { mantissa /= 10 }
        while mantissa < 1 { mantissa *= 10 }
        #expect([1.0, 2.0, 5.0].contains { abs($0 - mantissa) < 1e-9 })
    }

    // MARK: - Line chart

    static let months = (1...12).map { "2026-" + ($0 < 10 ? "0" : "") + String($0) }

    @Test func lineChartIsAccessibleWellFormedSVGWithNiceAxis() throws {
        let chart = LineChart(
            title: "月度销售额",
            labels: Self.months,
            series: [(name: "本期", values: [12, 30, nil, 55, 61, 70, 66, 80, 90, 97, 85, 72])],
            valueText: { SVGText.compact($0, language: .chinese) }
        )
        let markup = chart.svg()
        let document = try #require(SVGDocument.parse(markup))
        let root = try #require(document.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-label"] == "月度销售额")
        #expect(root.attributes["viewBox"] == "0 0 960 280")
        #expect(document.elements(named: "title").first?.text == "月度销售额")
        let axis = document.elements(named: "text").filter { $0.attributes["class"] == "axis-label" }.map(\.text)
        for tick in ["0", "20", "40", "60", "80", "100"] {
            #expect(axis.contains(tick))
        }
        #expect(axis.contains("2026-01"))
        #expect(!markup.contains("stroke-dasharray"))
        #expect(document.elements(named: "g").filter { $0.attributes["class"] == "legend" }.isEmpty)
    }

    @Test func missingValueBreaksTheLine() throws {
        let chart = LineChart(title: "t", labels: ["a", "b", "c", "d", "e"], series: [(name: "s", values: [1, 2, nil, 4, 5])]) {
            SVGText.compact($0, language: .english)
        }
        let document = try #require(SVGDocument.parse(chart.svg()))
        let path = try #require(document.elements(named: "path").first?.attributes["d"])
        #expect(path.filter { $0 == "M" }.count == 2)
        #expect(path.filter { $0 == "L" }.count == 2)
    }

    @Test func comparisonSeriesIsDashedAndGetsALegend() throws {
        let chart = LineChart(
            title: "Sales",
            labels: Self.months,
            series: [
                (name: "This year", values: Self.months.indices.map { Double($0) * 10 }),
                (name: "Last year", values: Self.months.indices.map { Double($0) * 8 }),
            ],
            language: .english,
            valueText: { SVGText.compact($0, language: .english) }
        )
        let document = try #require(SVGDocument.parse(chart.svg()))
        let paths = document.elements(named: "path")
        #expect(paths.count == 2)
        #expect(paths.filter { $0.attributes["stroke-dasharray"] != nil }.count == 1)
        #expect(document.elements(named: "g").contains { $0.attributes["class"] == "series series-comparison" })
        let texts = document.texts
        #expect(texts.contains("This year"))
        #expect(texts.contains("Last year"))
    }

    @Test func manyLabelsAreThinned() throws {
        let days = (0..<90).map { "2026-03-" + String($0) }
        let chart = LineChart(title: "t", labels: days, series: [(name: "s", values: days.indices.map { Double($0) })]) {
            SVGText.compact($0, language: .english)
        }
        let document = try #require(SVGDocument.parse(chart.svg()))
        let shown = document.elements(named: "text").filter { $0.text.hasPrefix("2026-03-") }
        #expect(shown.count > 3)
        #expect(shown.count < 20)
    }

    @Test func emptyLineChartShowsTheEmptyState() throws {
        let empty = LineChart(title: "t", labels: [], series: []) { SVGText.compact($0, language: .chinese) }
        #expect(empty.isEmpty)
        #expect(try #require(SVGDocument.parse(empty.svg())).texts.contains("暂无数据"))
        let allGaps = LineChart(title: "t", labels: ["a"], series: [(name: "s", values: [nil])], language: .english) {
            SVGText.compact($0, language: .english)
        }
        #expect(try #require(SVGDocument.parse(allGaps.svg())).texts.contains("No data"))
    }

    @Test func lineChartEscapesEveryText() throws {
        let chart = LineChart(
            title: Self.hostile,
            labels: [Self.hostile, "b"],
            series: [(name: Self.hostile, values: [1, 2]), (name: "x", values: [2, 1])],
            valueText: { _ in Self.hostile }
        )
        let markup = chart.svg()
        #expect(!markup.contains("<script>"))
        #expect(!markup.contains("'quoted'"))
        let document = try #require(SVGDocument.parse(markup))
        #expect(document.elements.first?.attributes["aria-label"] == Self.hostile)
        #expect(document.texts.contains(Self.hostile))
    }

    // MARK: - Bar chart

    @Test func negativeBarsGrowLeftFromTheZeroLine() throws {
        let chart = BarChart(
            title: "增长率",
            bars: [(label: "华东", value: 0.25, text: "25%"), (label: "华北", value: -0.1, text: "-10%")]
        )
        let document = try #require(SVGDocument.parse(chart.svg()))
        let zero = try #require(document.elements(named: "line").first { $0.attributes["class"] == "zero" })
        let zeroX = try #require(zero.attributes["x1"].flatMap { Double($0) })
        let rects = document.elements(named: "rect")
        let positive = try #require(rects.first { $0.attributes["class"] == "bar-positive" })
        let negative = try #require(rects.first { $0.attributes["class"] == "bar-negative" })
        let positiveX = try #require(positive.attributes["x"].flatMap { Double($0) })
        let negativeX = try #require(negative.attributes["x"].flatMap { Double($0) })
        let negativeWidth = try #require(negative.attributes["width"].flatMap { Double($0) })
        #expect(abs(positiveX - zeroX) < 0.11)
        #expect(negativeX < zeroX)
        #expect(abs(negativeX + negativeWidth - zeroX) < 0.11)
        #expect(document.texts.contains("-10%"))
    }

    @Test func longLabelsAreTruncatedWithTheFullLabelInTheTitle() throws {
        let long = "上海市浦东新区张江高科技园区某某某渠道合作伙伴有限公司"
        let chart = BarChart(title: "Top", bars: [(label: long, value: 10, text: "10")])
        let document = try #require(SVGDocument.parse(chart.svg()))
        let label = try #require(document.elements(named: "text").first { $0.attributes["class"] == "bar-label" })
        #expect(label.text.hasSuffix("…"))
        #expect(label.text.count < long.count)
        #expect(document.elements(named: "title").contains { $0.text == long + "：10" })
    }

    @Test func barChartEscapesLabelsAndTexts() throws {
        let markup = BarChart(title: Self.hostile, bars: [(label: Self.hostile, value: 1, text: Self.hostile)]).svg()
        #expect(!markup.contains("<script>"))
        #expect(try #require(SVGDocument.parse(markup)).texts.contains { $0.hasPrefix("<script>") })
    }

    @Test func emptyBarChartShowsTheEmptyState() throws {
        let markup = BarChart(title: "t", bars: [], language: .english).svg()
        #expect(try #require(SVGDocument.parse(markup)).texts.contains("No data"))
    }

    // MARK: - Tile map

    @Test func tileMapHas34UniqueDivisionsAtDistinctPositions() throws {
        let provinces = ChinaTileMap.provinces
        #expect(provinces.count == 34)
        #expect(Set(provinces.map(\.code)).count == 34)
        #expect(Set(provinces.map { [$0.row, $0.column] }).count == 34)
        #expect(provinces.allSatisfy { $0.code.count == 6 && $0.code.hasSuffix("0000") })
        #expect(provinces.allSatisfy { (0..<8).contains($0.row) && (0..<9).contains($0.column) })

        let map = ChinaTileMap(title: "各省销售额", values: [:], valueTexts: [:], language: .chinese)
        let document = try #require(SVGDocument.parse(map.svg()))
        let tiles = document.elements(named: "rect").filter { $0.attributes["data-code"] != nil }
        #expect(tiles.count == 34)
        #expect(Set(tiles.compactMap { $0.attributes["data-code"] }).count == 34)
        #expect(Set(tiles.map { [$0.attributes["x"] ?? "", $0.attributes["y"] ?? ""] }).count == 34)
    }

    @Test func layoutRoughlyFollowsGeography() throws {
        func place(_ code: String) throws -> (row: Int, column: Int) {
            let province = try #require(ChinaTileMap.provinces.first { $0.code == code })
            return (province.row, province.column)
        }
        let heilongjiang = try place("230000")
        #expect(heilongjiang.row == 0)
        #expect(ChinaTileMap.provinces.allSatisfy { $0.column <= heilongjiang.column })
        #expect(try place("650000").column == 0)  // Xinjiang
        #expect(try place("540000").column <= 1)  // Tibet
        let fujian = try place("350000")
        let taiwan = try place("710000")
        #expect(taiwan.row == fujian.row && taiwan.column == fujian.column + 1)
        let guangdong = try place("440000")
        #expect(try place("810000").row == guangdong.row + 1)  // Hong Kong
        #expect(try place("820000").row == guangdong.row + 1)  // Macau
        #expect(try place("460000").row == ChinaTileMap.provinces.map(\.row).max())  // Hainan
    }

    @Test func tilesAreShadedByValueAndGreyWithout() throws {
        let map = ChinaTileMap(
            title: "Sales",
            values: ["440000": 900, "110000": 500, "650000": 10],
            valueTexts: ["440000": "¥900", "110000": "¥500", "650000": "¥10"],
            language: .english
        )
        let document = try #require(SVGDocument.parse(map.svg()))
        var fills: [String: String] = [:]
        for rect in document.elements(named: "rect") {
            if let code = rect.attributes["data-code"] { fills[code] = rect.attributes["fill"] }
        }
        #expect(fills["310000"] == ColorScale.missing.hex)
        #expect(fills["310000"] == map.fill(for: "310000"))
        let guangdong = try #require(fills["440000"].flatMap(ColorScale.RGB.init(hex:)))
        let beijing = try #require(fills["110000"].flatMap(ColorScale.RGB.init(hex:)))
        let xinjiang = try #require(fills["650000"].flatMap(ColorScale.RGB.init(hex:)))
        #expect(guangdong.relativeLuminance < beijing.relativeLuminance)
        #expect(beijing.relativeLuminance < xinjiang.relativeLuminance)
        // Dark tiles get white text, light and grey ones dark text.
        let labels = document.elements(named: "text")
        #expect(labels.first { $0.text == "GD" }?.attributes["fill"] == ColorScale.lightText)
        #expect(labels.first { $0.text == "XJ" }?.attributes["fill"] == ColorScale.darkText)
        #expect(labels.first { $0.text == "SH" }?.attributes["fill"] == ColorScale.darkText)
        // Tooltips and legend.
        let texts = document.texts
        #expect(texts.contains("Guangdong: ¥900"))
        #expect(texts.contains("Shanghai: No data"))
        #expect(texts.contains("¥10"))
        #expect(texts.contains("¥900"))
    }

    @Test func tileMapRendersChineseAndEnglishLabels() throws {
        let values = ["110000": 1.0, "810000": 2.0]
        let chinese = try #require(
            SVGDocument.parse(ChinaTileMap(title: "地图", values: values, valueTexts: ["110000": "1万"], language: .chinese).svg())
        )
        let english = try #require(
            SVGDocument.parse(ChinaTileMap(title: "Map", values: values, valueTexts: ["110000": "10K"], language: .english).svg())
        )
        for short in ["京", "津", "冀", "晋", "蒙", "辽", "吉", "黑", "沪", "苏", "浙", "皖", "闽", "赣", "鲁", "豫", "鄂", "湘", "粤", "桂", "琼",
            "渝", "川", "黔", "滇", "藏", "陕", "甘", "青", "宁", "新", "台", "港", "澳"]
        {
            #expect(chinese.texts.contains(short))
        }
        #expect(chinese.texts.contains("北京市：1万"))
        #expect(chinese.texts.contains("香港特别行政区：2"))
        #expect(chinese.texts.contains("上海市：无数据"))
        #expect(english.texts.contains("BJ"))
        #expect(english.texts.contains("Beijing: 10K"))
        #expect(english.texts.contains("Inner Mongolia: No data"))
    }

    @Test func tileMapEscapesCallerTexts() throws {
        let markup = ChinaTileMap(title: Self.hostile, values: ["110000": 1], valueTexts: ["110000": Self.hostile], language: .english).svg()
        #expect(!markup.contains("<script>"))
        #expect(try #require(SVGDocument.parse(markup)).texts.contains("Beijing: " + Self.hostile))
    }

    // MARK: - Colour scale

    @Test func colourScaleGetsDarkerMonotonically() {
        let luminances = (0...40).map { ColorScale.blues.color(at: Double($0) / 40).relativeLuminance }
        for (lighter, darker) in zip(luminances, luminances.dropFirst()) {
            #expect(darker < lighter)
        }
        #expect(ColorScale.blues.hex(at: -1) == ColorScale.blues.hex(at: 0))
        #expect(ColorScale.blues.hex(at: 2) == ColorScale.blues.hex(at: 1))
        #expect(ColorScale.blues.hex(at: 0) == "#eff6ff")
        #expect(ColorScale.blues.hex(at: 1) == "#1e3a8a")
    }

    @Test func luminanceAndTextColour() throws {
        let white = try #require(ColorScale.RGB(hex: "#FFFFFF"))
        let black = try #require(ColorScale.RGB(hex: "000000"))
        #expect(abs(white.relativeLuminance - 1) < 1e-9)
        #expect(black.relativeLuminance == 0)
        #expect(ColorScale.RGB(hex: "#12345") == nil)
        #expect(ColorScale.RGB(hex: "#gg0000") == nil)
        #expect(ColorScale.textColor(on: white) == ColorScale.darkText)
        #expect(ColorScale.textColor(on: black) == ColorScale.lightText)
        #expect(ColorScale.textColor(onHex: "#1e3a8a") == ColorScale.lightText)
        #expect(ColorScale.textColor(onHex: "#eff6ff") == ColorScale.darkText)
    }
}
