extension DemoWorld {
    /// Offline partners (one distributor per province first, then a 4/18/78 % tier mix) and the online partners.
    static func makePartners(
        offlineCount: Int,
        cities: [DemoCity],
        provinceCities: [[Int]],
        random: inout DemoRandom
    ) -> [DemoPartner] {
        let provinceCount = provinceCities.count
        var tiers: [Int] = []
        var homeCities: [Int] = []
        for index in 0..<offlineCount {
            if index < provinceCount {
                // At least one distributor per province, in its first city.
                tiers.append(1)
                homeCities.append(provinceCities[index].first ?? 0)
            } else {
                let draw = random.unit()
                tiers.append(draw < 0.04 ? 1 : draw < 0.22 ? 2 : 3)
                homeCities.append(random.int(below: cities.count))
            }
        }
        // Candidate parents per (tier, province).
        var byTierAndProvince: [[[Int]]] = Array(repeating: Array(repeating: [], count: provinceCount), count: 4)
        for index in 0..<offlineCount {
            byTierAndProvince[tiers[index]][cities[homeCities[index]].province].append(index)
        }
        let kinds = ["", "distributor", "agent", "dealer"]
        let tierWeights = [0.0, 3.0, 1.5, 1.0]
        var partners: [DemoPartner] = []
        for index in 0..<offlineCount {
            let tier = tiers[index]
            let city = cities[homeCities[index]]
            var parent: Int?
            var upper = tier - 1
            while upper >= 1, parent == nil {
                let candidates = byTierAndProvince[upper][city.province]
                if !candidates.isEmpty {
                    parent = candidates[random.int(below: candidates.count)]
                }
                upper -= 1
            }
            let suffixes = DemoVocabulary.partnerSuffixes[tier]
            let trade = DemoVocabulary.tradeNames[random.int(below: DemoVocabulary.tradeNames.count)]
            let suffix = suffixes[random.int(below: suffixes.count)]
            let isSuspended = random.chance(0.04)
            var weight = random.logNormal(mu: 0, sigma: 1) * tierWeights[tier]
            if isSuspended { weight *= 0.02 }
            partners.append(
                DemoPartner(
                    number: index + 1,
                    name: "\(city.name)\(trade)\(suffix)",
                    kind: kinds[tier],
                    tier: tier,
                    parent: parent,
                    city: homeCities[index],
                    isOnline: false,
                    joinedDay: -random.int(in: 30...1_999),
                    isSuspended: isSuspended,
                    orderWeight: weight
                )
            )
        }
        for online in DemoVocabulary.onlinePartners {
            let city = cities.firstIndex { $0.code == online.cityCode } ?? 0
            partners.append(
                DemoPartner(
                    number: partners.count + 1,
                    name: online.name,
                    kind: online.kind,
                    tier: 0,
                    parent: nil,
                    city: city,
                    isOnline: true,
                    joinedDay: -random.int(in: 300...1_999),
                    isSuspended: false,
                    orderWeight: online.share
                )
            )
        }
        return partners
    }
}
