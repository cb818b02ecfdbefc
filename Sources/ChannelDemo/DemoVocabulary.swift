/// The fixed names and codes the demo data is built from (same as `bench/gen_dataset.py`).
enum DemoVocabulary {
    /// The 31 mainland provinces with their real adcodes.
    static let provinces: [(code: Int, name: String)] = [
        (110_000, "北京市"), (120_000, "天津市"), (130_000, "河北省"), (140_000, "山西省"),
        (150_000, "内蒙古自治区"), (210_000, "辽宁省"), (220_000, "吉林省"), (230_000, "黑龙江省"),
        (310_000, "上海市"), (320_000, "江苏省"), (330_000, "浙江省"), (340_000, "安徽省"),
        (350_000, "福建省"), (360_000, "江西省"), (370_000, "山东省"), (410_000, "河南省"),
        (420_000, "湖北省"), (430_000, "湖南省"), (440_000, "广东省"), (450_000, "广西壮族自治区"),
        (460_000, "海南省"), (500_000, "重庆市"), (510_000, "四川省"), (520_000, "贵州省"),
        (530_000, "云南省"), (540_000, "西藏自治区"), (610_000, "陕西省"), (620_000, "甘肃省"),
        (630_000, "青海省"), (640_000, "宁夏回族自治区"), (650_000, "新疆维吾尔自治区"),
    ]

    /// Product categories.
    static let categories = ["饮料", "零食", "乳品", "个护", "家清", "小家电", "母婴", "酒类", "调味品", "冷冻食品", "保健品", "文具"]

    /// Product nouns per category (same order as ``categories``).
    static let productNouns: [[String]] = [
        ["橙汁", "矿泉水", "乌龙茶", "苏打气泡水", "椰汁", "柠檬茶"],
        ["薯片", "坚果礼盒", "牛肉干", "海苔", "夹心饼干", "辣条"],
        ["纯牛奶", "酸奶", "奶酪棒", "低脂牛奶", "早餐奶"],
        ["洗发水", "沐浴露", "牙膏", "洗面奶", "护手霜"],
        ["洗衣液", "洗洁精", "消毒液", "厨房湿巾", "地板清洁剂"],
        ["电热水壶", "破壁机", "电饭煲", "空气炸锅", "吹风机"],
        ["纸尿裤", "婴儿湿巾", "奶瓶", "婴儿米粉", "儿童牙刷"],
        ["白酒", "啤酒", "红葡萄酒", "黄酒", "果酒"],
        ["生抽", "老陈醋", "蚝油", "火锅底料", "鸡精"],
        ["速冻水饺", "汤圆", "冷冻虾仁", "手抓饼", "冰淇淋"],
        ["维生素C片", "钙片", "蛋白粉", "鱼油", "益生菌"],
        ["中性笔", "笔记本", "文件夹", "彩色铅笔", "便利贴"],
    ]

    /// Package sizes appended to product names.
    static let packSizes = ["标准装", "家庭装", "礼盒装", "量贩装", "迷你装", "组合装"]

    /// Online partners (four platforms and the brand's own web shop): name, kind, home city,
    /// share of online orders and the carrier they always use, if any.
    static let onlinePartners: [(name: String, kind: String, cityCode: Int, share: Double, ownCarrier: String?)] = [
        ("天猫旗舰店", "platform", 310_100, 0.34, nil),
        ("京东自营", "platform", 110_100, 0.27, "京东物流"),
        ("拼多多", "platform", 310_100, 0.15, nil),
        ("抖音电商", "platform", 310_100, 0.16, nil),
        ("品牌官网", "direct", 310_100, 0.08, nil),
    ]

    /// Trade-name words for offline partners.
    static let tradeNames = [
        "恒达", "鑫源", "华联", "佳和", "金隆", "盛世", "宏图", "瑞丰", "万家", "永信",
        "福满", "百汇", "顺发", "兴隆", "嘉禾", "新世纪", "惠民", "利群", "大润", "天和",
    ]

    /// Name suffixes per partner tier (1 distributor, 2 agent, 3 dealer).
    static let partnerSuffixes: [[String]] = [
        [],
        ["商贸有限公司", "供应链有限公司"],
        ["贸易商行", "商贸部"],
        ["便利店", "超市", "批发部", "食品店"],
    ]

    /// Offline outlet kinds.
    static let outletKinds = ["supermarket", "convenience", "specialty", "wholesale"]

    /// Carriers for online parcels and for offline deliveries.
    static let onlineCarriers = ["顺丰", "京东物流", "中通"]
    /// Carriers for offline (sell-in) deliveries.
    static let offlineCarriers = ["德邦", "自有车队", "顺丰", "中通"]

    /// Transport modes, their probability and average speed (km/h).
    static let modes: [(name: StaticString, share: Double, speed: Double)] = [
        ("diesel_truck", 0.68, 55), ("ev_truck", 0.10, 50), ("rail", 0.10, 60), ("air", 0.02, 400), ("van", 0.10, 40),
    ]
    /// Index of `air` in ``modes``.
    static let airMode = 3

    /// Feedback texts for ratings 4 and 5. Some contain commas and quotes on purpose (RFC 4180 quoting).
    static let positiveFeedback = [
        "物流很快，包装完好，非常满意", "质量不错，会回购", "性价比高，推荐", "服务态度好，送货准时",
        "Fast delivery, great quality", "Good value, will buy again", "Arrived early, well packed",
        "店员说\"明天到\"，果然第二天就到了", "Exactly as described, thanks",
    ]
    /// Feedback texts for ratings 1 and 2.
    static let negativeFeedback = [
        "发货太慢了，等了好几天", "包装破损，很失望", "客服态度差，问题没解决", "和描述不符，要退货",
        "Late delivery and damaged box", "Poor quality, very disappointed", "Waited a week, no updates",
        "Box marked \"fragile\", still crushed",
    ]
    /// Feedback texts for rating 3.
    static let neutralFeedback = ["还行吧，一般", "收到了", "Received, nothing special", "OK, a bit late"]
}
