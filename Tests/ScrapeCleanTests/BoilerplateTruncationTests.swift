import Testing
@testable import ScrapeClean

/// Lines holding several truncation notices: the rule engine splits them in one pass, with the
/// same edits, metadata and no-join marks as cutting the notices one after the other.
@Suite struct BoilerplateTruncationTests {
    static func notice(_ omitted: Int) -> String {
        "……(新文秘网http://www.wm114.cn省略\(omitted)字,正式会员可完整阅读)……"
    }

    static func boilerplate(_ text: String, options: CleanOptions = CleanOptions()) throws -> Document {
        var document = Document(text: text)
        try BoilerplateStage(options: options).apply(to: &document)
        return document
    }

    @Test func aLineWithThreeNoticesBecomesFourLinesThatAreNotJoined() throws {
        let text = "标题\n同志们：\n要把调研当成日常必修课\(Self.notice(877))街头巷尾 \(Self.notice(12))  才能听到\(Self.notice(100))群众的心里话。\n"
        let document = try Self.boilerplate(text)
        #expect(document.lines.map(\.text) == ["标题", "同志们：", "要把调研当成日常必修课", "街头巷尾", "才能听到", "群众的心里话。"])
        #expect(document.lines.map(\.noJoinAfter) == [false, false, true, true, true, false])
        #expect(Set(document.lines.dropFirst(2).map(\.origin)).count == 1)
        #expect(document.metadata.omittedCharacters == 877 + 12 + 100)
        #expect(document.metadata.truncated == true)
        let cuts = document.edits.filter { $0.rule == "truncation.members-only" }
        #expect(cuts.map(\.removed) == [Self.notice(877), " " + Self.notice(12), Self.notice(100)])
        #expect(cuts.allSatisfy { $0.replacement == "\n" })
        // Columns count from the start of the piece each notice was cut from (1-based).
        #expect(cuts.map(\.column) == [12, 5, 5])
    }

    @Test func noticesAtTheStartAndEndOfALineLeaveNoEmptyPiece() throws {
        let text = "标题\n同志们：\n\(Self.notice(5))今天开会\(Self.notice(6))\(Self.notice(7))\n下一段正文。\n"
        let document = try Self.boilerplate(text)
        #expect(document.lines.map(\.text) == ["标题", "同志们：", "今天开会", "下一段正文。"])
        #expect(document.lines.map(\.noJoinAfter) == [false, false, true, false])
        #expect(document.metadata.omittedCharacters == 5 + 6 + 7)
    }

    @Test func aLineOfNothingButNoticesGoesAndMarksTheLineBefore() throws {
        let text = "标题\n今天开会，\n\(Self.notice(5)) \(Self.notice(6))\n下一段正文。\n"
        let document = try Self.boilerplate(text)
        #expect(document.lines.map(\.text) == ["标题", "今天开会，", "下一段正文。"])
        #expect(document.lines.map(\.noJoinAfter) == [false, true, false])
        #expect(document.metadata.omittedCharacters == 11)
    }

    @Test func theSentenceGuardWeighsEachLaterNoticeAgainstTheRestOfTheLine() throws {
        // A user truncation rule whose cut must leave mostly non-sentence text. Cutting the
        // first marker leaves 7 of 16 Han characters in sentences (0.44); in the rest of the
        // line after it, cutting the second would leave 4 of 7 (0.57), so the second stays.
        let json = """
        {"rules": [{
          "id": "mine.cut-marker", "category": "truncation", "keywords": ["[删"],
          "pattern": "\\\\[删。\\\\]", "action": "cut-span", "truncation": true,
          "guards": {"maxSentenceShare": 0.5},
          "examples": {"match": ["甲乙[删。]丙丁"], "keep": ["甲乙丙丁"]}
        }]}
        """
        var options = CleanOptions()
        options.extraRuleSources = [RuleSource(name: "mine.json", json: json)]
        let document = try Self.boilerplate("标题\n甲乙丙丁戊己庚辛[删。]子丑[删。]开会，讨论。\n", options: options)
        #expect(document.lines.map(\.text) == ["标题", "甲乙丙丁戊己庚辛", "子丑[删。]开会，讨论。"])
    }

    @Test func theSuffixIndexAgreesWithMeasuringEachSuffix() {
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(bound))
        }
        let alphabet = Array("甲乙丙丁。，！？,!?a ".unicodeScalars)
        for _ in 0..<300 {
            let scalars = (0..<next(40)).map { _ in alphabet[next(alphabet.count)] }
            let index = SentenceShareIndex(scalars)
            let start = next(scalars.count + 1)
            let lower = start + next(scalars.count - start + 1)
            let upper = lower + next(scalars.count - lower + 1)
            let expected = LineShape.sentenceShare(of: Array(scalars[start...]), outside: (lower - start)..<(upper - start))
            #expect(index.share(from: start, outside: lower..<upper) == expected,
                    "\(String(String.UnicodeScalarView(scalars))) from \(start) outside \(lower)..<\(upper)")
        }
    }
}
