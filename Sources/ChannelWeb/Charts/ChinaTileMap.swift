/// A tile-grid map of China's 34 provincial-level divisions, shaded by value, rendered as inline SVG markup.
///
/// Every division is one equal square at a fixed grid position that keeps the neighbours of the real map roughly
/// where they are (Heilongjiang top right, Xinjiang and Tibet on the left, Taiwan beside Fujian, Hong Kong and Macau
/// under Guangdong, Hainan at the bottom), so small divisions such as Macau are as visible as Xinjiang. A tile is
/// filled from ``ColorScale/blues`` by where its value lies between the smallest and the largest value given (light to
/// dark), or grey when it has no value; its short name is drawn in dark or white text, whichever contrasts more.
/// Each tile has a `<title>` with the full name and the caller's value text. A legend under the map shows the lowest
/// and highest values with their texts, and the grey "no data" swatch.
public struct ChinaTileMap: Sendable {
    /// A provincial-level division and its place on the grid.
    public struct Province: Sendable, Hashable {
        /// GB/T 2260 six-digit code, e.g. `110000` for Beijing.
        public let code: String
        /// Full Chinese name, e.g. 北京市, 广西壮族自治区.
        public let chineseName: String
        /// English name, e.g. Beijing, Inner Mongolia.
        public let englishName: String
        /// One-character Chinese abbreviation drawn on the tile, e.g. 京.
        public let chineseShortName: String
        /// Two-letter abbreviation (the ISO 3166-2:CN subdivision letters) drawn on the tile, e.g. BJ.
        public let englishShortName: String
        /// Grid row, 0 at the top.
        public let row: Int
        /// Grid column, 0 at the left.
        public let column: Int

        init(
            _ code: String, _ chineseName: String, _ englishName: String, _ chineseShortName: String, _ englishShortName: String,
            row: Int, column: Int
        ) {
            self.code = code
            self.chineseName = chineseName
            self.englishName = englishName
            self.chineseShortName = chineseShortName
            self.englishShortName = englishShortName
            self.row = row
            self.column = column
        }

        /// The full name in `language`.
        public func name(in language: Language) -> String { language.pick(chineseName, englishName) }

        /// The tile label in `language`.
        public func shortName(in language: Language) -> String { language.pick(chineseShortName, englishShortName) }
    }

    /// All 34 divisions, north to south and west to east on the grid (8 rows × 8 columns).
    ///
    /// ```
    ///        0   1   2   3   4   5   6   7
    ///    0                               黑
    ///    1   新              蒙  京  辽  吉
    ///    2       青  甘  宁  晋  冀  津
    ///    3       藏  川  陕  豫  鲁
    ///    4       滇  黔  渝  鄂  皖  苏  沪
    ///    5               桂  湘  赣  浙
    ///    6                   粤  闽  台
    ///    7               琼  澳  港
    /// ```
    public static let provinces: [Province] = [
        Province("230000", "黑龙江省", "Heilongjiang", "黑", "HL", row: 0, column: 7),
        Province("650000", "新疆维吾尔自治区", "Xinjiang", "新", "XJ", row: 1, column: 0),
        Province("150000", "内蒙古自治区", "Inner Mongolia", "蒙", "NM", row: 1, column: 4),
        Province("110000", "北京市", "Beijing", "京", "BJ", row: 1, column: 5),
        Province("210000", "辽宁省", "Liaoning", "辽", "LN", row: 1, column: 6),
        Province("220000", "吉林省", "Jilin", "吉", "JL", row: 1, column: 7),
        Province("630000", "青海省", "Qinghai", "青", "QH", row: 2, column: 1),
        Province("620000", "甘肃省", "Gansu", "甘", "GS", row: 2, column: 2),
        Province("640000", "宁夏回族自治区", "Ningxia", "宁", "NX", row: 2, column: 3),
        Province("140000", "山西省", "Shanxi", "晋", "SX", row: 2, column: 4),
        Province("130000", "河北省", "Hebei", "冀", "HE", row: 2, column: 5),
        Province("120000", "天津市", "Tianjin", "津", "TJ", row: 2, column: 6),
        Province("540000", "西藏自治区", "Tibet", "藏", "XZ", row: 3, column: 1),
        Province("510000", "四川省", "Sichuan", "川", "SC", row: 3, column: 2),
        Province("610000", "陕西省", "Shaanxi", "陕", "SN", row: 3, column: 3),
        Province("410000", "河南省", "Henan", "豫", "HA", row: 3, column: 4),
        Province("370000", "山东省", "Shandong", "鲁", "SD", row: 3, column: 5),
        Province("530000", "云南省", "Yunnan", "滇", "YN", row: 4, column: 1),
        Province("520000", "贵州省", "Guizhou", "黔", "GZ", row: 4, column: 2),
        Province("500000", "重庆市", "Chongqing", "渝", "CQ", row: 4, column: 3),
        Province("420000", "湖北省", "Hubei", "鄂", "HB", row: 4, column: 4),
        Province("340000", "安徽省", "Anhui", "皖", "AH", row: 4, column: 5),
        Province("320000", "江苏省", "Jiangsu", "苏", "JS", row: 4, column: 6),
        Province("310000", "上海市", "Shanghai", "沪", "SH", row: 4, column: 7),
        Province("450000", "广西壮族自治区", "Guangxi", "桂", "GX", row: 5, column: 3),
        Province("430000", "湖南省", "Hunan", "湘", "HN", row: 5, column: 4),
        Province("360000", "江西省", "Jiangxi", "赣", "JX", row: 5, column: 5),
        Province("330000", "浙江省", "Zhejiang", "浙", "ZJ", row: 5, column: 6),
        Province("440000", "广东省", "Guangdong", "粤", "GD", row: 6, column: 4),
        Province("350000", "福建省", "Fujian", "闽", "FJ", row: 6, column: 5),
        Province("710000", "台湾省", "Taiwan", "台", "TW", row: 6, column: 6),
        Province("460000", "海南省", "Hainan", "琼", "HI", row: 7, column: 3),
        Province("820000", "澳门特别行政区", "Macau", "澳", "MO", row: 7, column: 4),
        Province("810000", "香港特别行政区", "Hong Kong", "港", "HK", row: 7, column: 5),
    ]

    /// The lowest and highest value with their codes.
    struct ValueRange: Sendable {
        let lowest: Double
        let lowestCode: String
        let highest: Double
        let highestCode: String

        /// Nil without values. Ties go to the smaller code, so the legend does not depend on dictionary order.
        init?(_ values: [String: Double]) {
            let sorted = values.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
            guard let first = sorted.first, let last = sorted.last else { return nil }
            let highest = sorted.first { $0.value == last.value } ?? last
            lowest = first.value
            lowestCode = first.key
            self.highest = highest.value
            highestCode = highest.key
        }
    }

    let title: String
    let values: [String: Double]
    let valueTexts: [String: String]
    let language: Language
    let range: ValueRange?

    /// A map shaded by `values`.
    ///
    /// - Parameters:
    ///   - title: What the map shows; used for the SVG's `<title>` and `aria-label`.
    ///   - values: Values keyed by GB/T 2260 code (`"440000"`). Codes not in ``provinces`` and NaN or infinite values
    ///     are ignored; divisions without a value are grey.
    ///   - valueTexts: The display text of each value, keyed the same way, for the tooltips and the legend. A value
    ///     without a text is shown compactly (``SVGText/compact(_:language:)``).
    ///   - language: The language of the tile labels, full names and built-in texts.
    public init(title: String, values: [String: Double], valueTexts: [String: String], language: Language) {
        let known = Set(Self.provinces.map(\.code))
        self.title = title
        self.values = values.filter { known.contains($0.key) && $0.value.isFinite }
        self.valueTexts = valueTexts
        self.language = language
        range = ValueRange(self.values)
    }

    /// The fill colour (`#rrggbb`) of the division with `code`: grey without a value, else its place on the scale.
    ///
    /// When all values are equal, every division with a value gets the darkest colour.
    public func fill(for code: String) -> String {
        guard let value = values[code] else { return ColorScale.missing.hex }
        guard let range, range.highest > range.lowest else { return ColorScale.blues.hex(at: 1) }
        return ColorScale.blues.hex(at: (value - range.lowest) / (range.highest - range.lowest))
    }

    /// The map as an `<svg>` element.
    public func svg() -> String {
        var body = ""
        for province in Self.provinces {
            body += tile(province)
        }
        body += legend()
        return SVGText.document(title: title, width: Layout.width, height: Layout.height, kind: "map", body: body)
    }

    // MARK: - Drawing

    private enum Layout {
        static let tile = 52.0
        static let pitch = 56.0
        static let padding = 12.0
        static let rows = (ChinaTileMap.provinces.map(\.row).max() ?? 0) + 1
        static let columns = (ChinaTileMap.provinces.map(\.column).max() ?? 0) + 1
        static let width = 2 * padding + pitch * Double(columns) - (pitch - tile)
        static let mapBottom = padding + pitch * Double(rows) - (pitch - tile)
        static let legendCentre = mapBottom + 22
        static let height = legendCentre + 12 + padding
        static let fontSize = 11.0
    }

    private func text(for code: String) -> String? {
        guard let value = values[code] else { return nil }
        return valueTexts[code] ?? SVGText.compact(value, language: language)
    }

    private func tile(_ province: Province) -> String {
        let x = Layout.padding + Layout.pitch * Double(province.column)
        let y = Layout.padding + Layout.pitch * Double(province.row)
        let fill = fill(for: province.code)
        let separator = language.pick("：", ": ")
        let tooltip = province.name(in: language) + separator + (text(for: province.code) ?? language.pick("无数据", "No data"))
        let fontSize = language == .chinese ? "18" : "14"
        var markup = "<g class=\"tile\"><title>\(SVGText.escaped(tooltip))</title>"
        markup += "<rect data-code=\"\(province.code)\" x=\"\(SVGText.coordinate(x))\" y=\"\(SVGText.coordinate(y))\" "
        markup += "width=\"\(SVGText.coordinate(Layout.tile))\" height=\"\(SVGText.coordinate(Layout.tile))\" rx=\"4\" fill=\"\(fill)\"/>"
        markup += "<text x=\"\(SVGText.coordinate(x + Layout.tile / 2))\" y=\"\(SVGText.coordinate(y + Layout.tile / 2))\" "
        markup += "dy=\"0.35em\" text-anchor=\"middle\" font-size=\"\(fontSize)\" font-weight=\"600\" "
        markup += "fill=\"\(ColorScale.textColor(onHex: fill))\">\(SVGText.escaped(province.shortName(in: language)))</text>"
        return markup + "</g>"
    }

    /// `lowest ▢▢▢▢▢ highest    ▢ no data`, left-aligned under the map; only the grey swatch when there are no values.
    private func legend() -> String {
        let centre = Layout.legendCentre
        let swatch = 18.0
        var x = Layout.padding
        var markup = "<g class=\"legend\">"
        if let range {
            let lowText = SVGText.truncated(text(for: range.lowestCode) ?? "", toWidth: 110, fontSize: Layout.fontSize)
            let highText = SVGText.truncated(text(for: range.highestCode) ?? "", toWidth: 110, fontSize: Layout.fontSize)
            markup += legendText(lowText, x: x, centre: centre)
            x += SVGText.estimatedWidth(lowText, fontSize: Layout.fontSize) + 6
            for step in 0..<5 {
                markup += legendSwatch(ColorScale.blues.hex(at: Double(step) / 4), x: x, centre: centre, size: swatch)
                x += swatch
            }
            x += 6
            markup += legendText(highText, x: x, centre: centre)
            x += SVGText.estimatedWidth(highText, fontSize: Layout.fontSize) + 20
        }
        markup += legendSwatch(ColorScale.missing.hex, x: x, centre: centre, size: swatch)
        markup += legendText(language.pick("无数据", "No data"), x: x + swatch + 6, centre: centre)
        return markup + "</g>"
    }

    private func legendText(_ text: String, x: Double, centre: Double) -> String {
        "<text x=\"\(SVGText.coordinate(x))\" y=\"\(SVGText.coordinate(centre))\" dy=\"0.35em\" font-size=\"11\" "
            + "fill=\"#374151\">\(SVGText.escaped(text))</text>"
    }

    private func legendSwatch(_ fill: String, x: Double, centre: Double, size: Double) -> String {
        "<rect x=\"\(SVGText.coordinate(x))\" y=\"\(SVGText.coordinate(centre - size / 2))\" width=\"\(SVGText.coordinate(size))\" "
            + "height=\"\(SVGText.coordinate(size))\" fill=\"\(fill)\"/>"
    }
}
