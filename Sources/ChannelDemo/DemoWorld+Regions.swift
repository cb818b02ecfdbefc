extension DemoWorld {
    /// 3 to 12 cities per province, numbered `xx0100`, `xx0200`, ...
    static func makeCities(random: inout DemoRandom) -> ([DemoCity], [[Int]]) {
        var cities: [DemoCity] = []
        var provinceCities: [[Int]] = []
        for (index, province) in DemoVocabulary.provinces.enumerated() {
            var members: [Int] = []
            let count = random.int(in: 3...12)
            for number in 1...count {
                let code = province.code + number * 100
                let suffix = number < 10 ? "0\(number)" : "\(number)"
                members.append(cities.count)
                cities.append(DemoCity(code: code, name: "\(province.name)\(suffix)市", province: index))
            }
            provinceCities.append(members)
        }
        return (cities, provinceCities)
    }
}
