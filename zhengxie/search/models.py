"""The full-text index shared by every app: one row per indexed record.

The rows are derived data (rebuilt at any time by `manage.py reindex_search`), so they carry no
history. The engine-specific index beside them is made in migrations: a contentless FTS5 table
on SQLite, a stored `simple` tsvector column with a GIN index on PostgreSQL.
"""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    committee = models.ForeignKey(
        "core.Committee", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=40)
    title = models.CharField(_("标题"), max_length=300)
    body = models.TextField(_("正文"), blank=True)
    is_public = models.BooleanField(_("公开"), default=False)
    updated_at = models.DateTimeField(_("更新时间"))
    # The record's own date (submitted, held, issued, published): the order and the year
    # facet of the search over everything.
    dated = models.DateField(_("日期"), default=date.today)
    # The tokens as indexed. FTS5 without content needs the old tokens to delete a row, and
    # keeping them also keeps a dictionary change from corrupting deletes before a reindex.
    title_terms = models.TextField(editable=False, default="")
    body_terms = models.TextField(editable=False, default="")
    word_terms = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "committee"], name="search_doc_kind_committee"),
            models.Index(fields=["-dated", "-id"], name="search_doc_dated"),
            # A guest's search, newest first: the public rows alone.
            models.Index(
                fields=["-dated", "-id"],
                condition=models.Q(is_public=True),
                name="search_doc_public_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class DuplicateBand(models.Model):
    """One MinHash band hash of a document: texts sharing a band are near-duplicate
    candidates, found by an index lookup instead of comparing every pair."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="bands")
    value = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["value"], name="search_band_value")]

    def __str__(self) -> str:
        return f"{self.document_id}:{self.value}"
