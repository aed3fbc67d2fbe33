"""The notebook's Python in its Pyodide worker (the entry script is worker.py)."""
