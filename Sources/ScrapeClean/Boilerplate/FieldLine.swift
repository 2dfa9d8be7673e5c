/// A line of a document's own field table: `标签：值` where the label names a property of the
/// subject (`症状科室：儿科、呼吸内科`, `课程设计名称：数据结构课程设计`, `指导老师：欧阳勇`) rather than of
/// the page (`作者：`, `来源：`, `发布单位：`, `浏览次数：`, `标题：`). Such a table under a title is the
/// text's opening, not its byline.
enum FieldLine {
    /// Whether `text` is a field of the document's own table: a label of two to ten Han
    /// characters (parentheses allowed, `课程设计周(时)数`) with none of the page's byline words,
    /// a colon, and a value holding a Han character (`症状别名：无`; `播放量:8944` is a counter).
    static func isContentField(_ text: String) -> Bool {
        let compact = LineShape.compact(text)
        let scalars = Array(compact.unicodeScalars)
        guard let colon = scalars.firstIndex(where: { $0 == ":" || $0 == "：" }) else { return false }
        let label = scalars[..<colon]
        var labelHan = 0
        for scalar in label {
            if CharacterClass.isHan(scalar.value) {
                labelHan += 1
            } else if scalar != "(" && scalar != ")" {
                return false
            }
        }
        guard (2...10).contains(labelHan) else { return false }
        guard scalars[(colon + 1)...].contains(where: { CharacterClass.isHan($0.value) }) else { return false }
        let labelText = String(String.UnicodeScalarView(label))
        return !bylineWords.contains { labelText.contains($0) }
    }

    /// Words of a page's byline, meta and navigation labels (folded to simplified, as
    /// ``LineShape/compact(_:)`` gives them): a label holding one is the page's, not the text's.
    static let bylineWords = [
        "作者", "来源", "出处", "编辑", "责编", "记者", "通讯员", "撰稿", "撰文", "摄影", "供稿", "审核", "审稿",
        "发布", "发表", "时间", "日期", "更新", "浏览", "阅读", "点击", "播放", "评论", "回复", "标题", "分类",
        "栏目", "标签", "关键", "字号", "分享", "上一", "下一", "所属", "类别", "投稿", "转载", "原文", "链接",
        "网址", "文号", "索引", "主题", "简介", "摘要", "导读", "提示", "声明", "文章", "本文", "文档", "资料",
        "下载", "相关", "位置", "当前", "热门", "推荐",
    ]
}
