"""Channel sets the apps' kinds start from."""

from .channels import Channel

INBOX = frozenset({Channel.INBOX})
# Committees reach members by mobile phone: the SMS copy is on unless the person turns it off.
INBOX_SMS = frozenset({Channel.INBOX, Channel.SMS})
