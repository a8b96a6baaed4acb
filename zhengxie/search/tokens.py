"""The one Chinese tokenizer behind full-text search and similar texts.

Search recall comes from overlapping character bigrams: a query of two or more characters
becomes a phrase of bigrams, so it finds exactly the texts that contain it (measured equal to a
LIKE scan, research/search-and-scale.md §1.2). jieba words with a domain dictionary are indexed
beside them only to rank texts that use a query as a whole word higher.
"""

import logging
import re
import threading

from zhengxie.core.chinese import normalize_text

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LETTERS = f"{_CJK}a-z0-9"
_RUNS = re.compile(f"[{_CJK}]+|[a-z0-9]+")
_IS_CJK = re.compile(f"[{_CJK}]")

# Words jieba's general dictionary splits or misses; a split word ranks worse, never misses.
DOMAIN_WORDS = (
    "政协",
    "市政协",
    "政协委员",
    "委员",
    "常委",
    "提案",
    "提案者",
    "重点提案",
    "大会提案",
    "平时提案",
    "界别",
    "界别协商",
    "履职",
    "委员履职",
    "社情民意",
    "社情民意信息",
    "承办单位",
    "主办单位",
    "会办单位",
    "案由",
    "案号",
    "立案",
    "并案",
    "撤案",
    "督办",
    "领衔督办",
    "交办",
    "答复",
    "委员之家",
    "协商议事",
    "一线协商",
    "网络议政",
    "民生实事",
    "急难愁盼",
    "主席会议",
    "专委会",
    "提案委",
    "文史",
    "乡村振兴",
    "营商环境",
    "居家养老",
    "养老服务",
)

_segment = None
_segment_lock = threading.Lock()


def _load_segmenter():
    """rjieba (jieba's dictionary in Rust, about 20 times faster) when installed, else jieba.
    The words only rank hits, so the two splitting a text differently never loses one."""
    try:
        import rjieba
    except ImportError:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        for word in DOMAIN_WORDS:
            tokenizer.add_word(word, freq=20000)
        return lambda text: tokenizer.cut_for_search(text, HMM=False)
    tokenizer = rjieba.Jieba()
    for word in DOMAIN_WORDS:
        tokenizer.add_word(word, 20000, None)
    return lambda text: tokenizer.cut_for_search(text, False)


def _segmenter():
    """The dictionary loads (about a second with jieba) on first use, not at import time."""
    global _segment
    if _segment is None:
        with _segment_lock:
            if _segment is None:
                _segment = _load_segmenter()
    return _segment


def clean(text: object) -> str:
    """Normalised, lower-cased text: full-width forms folded, white space collapsed."""
    return normalize_text(text).lower()


def is_cjk(text: str) -> bool:
    return bool(_IS_CJK.match(text))


def bigrams(text: object) -> list[str]:
    """Overlapping bigrams of each run of Chinese characters (a lone character stays a
    unigram), and each run of Latin letters or digits as one token, in text order."""
    tokens: list[str] = []
    for run in _RUNS.findall(clean(text)):
        if is_cjk(run) and len(run) > 1:
            tokens.extend(run[i : i + 2] for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


def words(text: object) -> list[str]:
    """jieba's search segmentation (whole words and the dictionary words inside them) of two
    or more characters."""
    cleaned = clean(text)
    if not cleaned:
        return []
    # str.isalnum() is true for Chinese characters, Latin letters and digits: punctuation goes.
    return [word for word in _segmenter()(cleaned) if len(word) > 1 and word.isalnum()]


_SEPARATORS = re.compile(f"[^{_CJK}a-z0-9]+")


def query_terms(query: object) -> list[str]:
    """A query split at spaces and punctuation; every term must occur in a hit."""
    return [term for term in _SEPARATORS.split(clean(query)) if term]


def needs_substring_scan(term: str) -> bool:
    """A lone Chinese character has no bigram to look up: such terms fall back to LIKE."""
    return len(term) == 1 and is_cjk(term)
