/// Every fixed text of the UI, in Chinese and English. Templates read them as `{{t.key}}`.
public enum UIText {
    /// The texts of one language, keyed as the templates name them.
    public static func table(_ language: Language) -> [String: String] {
        var table: [String: String] = [:]
        for (key, texts) in entries { table[key] = language.pick(texts.0, texts.1) }
        return table
    }

    /// One text in one language; a key not in the table is a programming error shown as the key itself.
    public static func text(_ key: String, _ language: Language) -> String {
        entries[key].map { language.pick($0.0, $0.1) } ?? key
    }

    static let entries: [String: (String, String)] = [
        "product": ("渠道", "Qudao"),
        "siteName": ("渠道 Qudao", "Qudao"),
        "tagline": ("渠道工程管理系统", "Channel engineering management"),
        "skip": ("跳到正文", "Skip to content"),
        "mainNav": ("主导航", "Main navigation"),
        "dashboard": ("驾驶舱", "Dashboard"),
        "signIn": ("登录", "Log in"),
        "signInTitle": ("登录渠道", "Log in to Qudao"),
        "signOut": ("退出", "Sign out"),
        "signInFailed": ("用户名或密码错误，或账号已停用。", "Wrong user ID or password, or the account is disabled."),
        "signInThrottled": ("登录失败次数过多，请稍后再试。", "Too many failed sign-ins; try again in a moment."),
        "userID": ("用户名", "User ID"),
        "password": ("密码", "Password"),
        "period": ("统计期", "Period"),
        "comparedWith": ("对比上期", "compared with the period before"),
        "trendTitle": ("净销售额走势（近12个月，对比去年同期）", "Net sales by month (last 12 months, against the year before)"),
        "trendChart": ("净销售额走势", "Net sales by month"),
        "thisYear": ("本期", "This period"),
        "lastYear": ("去年同期", "Year before"),
        "mapMeasure": ("地图指标", "Map measure"),
        "show": ("显示", "Show"),
        "topPartners": ("净销售额最高的伙伴", "Top partners by net sales"),
        "bottomPartners": ("净销售额最低的伙伴", "Bottom partners by net sales"),
        "notFound": ("页面不存在", "Page not found"),
        "notFoundText": ("找不到这个页面。", "There is no such page."),
        "backHome": ("返回驾驶舱", "Back to the dashboard"),
        "scopeNote": ("仅显示您所属伙伴及其下游的数据。", "Showing your partner and its downstream partners only."),
    ]
}
