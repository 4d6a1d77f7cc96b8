"""Scorers against public gold sets, one module per set (``herald eval NAME PATH``)."""
