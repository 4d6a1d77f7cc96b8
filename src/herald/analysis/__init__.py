"""Analysis over the store: directed-dyad series (:mod:`.dyad`) and shift alerts (:mod:`.alerts`)."""
