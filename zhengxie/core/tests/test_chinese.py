from zhengxie.core.chinese import normalize_name, normalize_text, split_list


def test_normalize_text_folds_full_width_and_spaces():
    assert normalize_text("\u3000随州市　政协 \n") == "随州市 政协"
    assert normalize_text("ＡＢ１２") == "AB12"


def test_normalize_name_removes_spaces_inside_chinese_names():
    assert normalize_name(" 张　三 ") == "张三"
    assert normalize_name("John  Smith") == "John Smith"


def test_split_list_accepts_every_separator():
    assert split_list("市教育局、市财政局，市民政局;市商务局；市林业局, 市统计局") == [
        "市教育局",
        "市财政局",
        "市民政局",
        "市商务局",
        "市林业局",
        "市统计局",
    ]
