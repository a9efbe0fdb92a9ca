from .audit import AuditRecord

__all__ = ["AuditRecord"]
