"""The annual review's files, one builder per format, each from a ReviewDocument."""

FORMATS = ("docx", "xlsx", "pdf")


def build_review(kind: str, document) -> bytes:
    from .excel import build_review_xlsx
    from .pdf import build_review_pdf
    from .word import build_review_docx

    builders = {"docx": build_review_docx, "xlsx": build_review_xlsx, "pdf": build_review_pdf}
    return builders[kind](document)
