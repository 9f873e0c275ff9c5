"""Developer tools for the BPMN models.

``generate_models`` writes ``bpmn/processes/*.bpmn`` from the stage table of docs/modelling.md;
``writer`` turns a process's nodes and flows into BPMN 2.0 XML; ``layout`` computes the diagram (DI).
"""
