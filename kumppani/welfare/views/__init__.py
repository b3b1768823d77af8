"""Welfare plan views: public pages, editing pages and downloads."""
