// Certificate verification page: compare the SHA-256 of a chosen PDF with the registered digest.
document.getElementById("pdf").addEventListener("change", async (event) => {
  const file = event.target.files[0], out = document.getElementById("match");
  if (!file || !window.crypto || !crypto.subtle) { out.textContent = "浏览器不支持在本页计算摘要"; return; }
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  out.textContent = hex === out.dataset.sha256 ? "文件与登记的证照一致" : "文件与登记的证照不一致";
});
