from zhengxie.search import tokens


def test_bigrams_overlap_within_chinese_runs_and_keep_latin_runs_whole():
    # given a title with punctuation, full-width letters and digits
    text = "关于５Ｇ网络的提案，建议"
    # when
    result = tokens.bigrams(text)
    # then
    assert result == ["关于", "5g", "网络", "络的", "的提", "提案", "建议"]


def test_a_lone_chinese_character_stays_a_unigram():
    assert tokens.bigrams("市，县") == ["市", "县"]


def test_domain_words_come_out_whole():
    result = tokens.words("委员反映社情民意，依法履职，参加界别协商")
    assert {"社情民意", "履职", "界别协商", "委员"} <= set(result)


def test_query_terms_split_at_spaces_and_punctuation():
    assert tokens.query_terms(" 养老服务　提案，５G网络 ") == ["养老服务", "提案", "5g网络"]


def test_only_a_lone_chinese_character_needs_a_substring_scan():
    assert tokens.needs_substring_scan("提")
    assert not tokens.needs_substring_scan("提案")
    assert not tokens.needs_substring_scan("a")
