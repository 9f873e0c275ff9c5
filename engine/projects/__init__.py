"""Projects (keyed by 项目代码) and the one application form each stage takes (一张表单)."""
