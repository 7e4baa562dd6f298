"""clinic-prep: question packs and record sheets for families living with Alström syndrome.

The pipeline runs one way: Profile -> select() -> Plan -> compose() -> Pack -> a renderer
(PDF, plain text or JSON). ``clinic_prep.api`` wires the stages together for callers.
"""

__version__ = "0.1.0"
