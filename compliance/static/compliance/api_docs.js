// The docs make no request to another host. ReDoc's sidebar footer shows Redocly's logo from their CDN;
// an image whose address is on another host is given an empty picture instead (the link stays).
(function () {
  var EMPTY = "data:image/gif;base64,R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw==";
  function local(value) {
    try {
      var url = new URL(String(value), document.baseURI);
      return url.protocol === "data:" || url.origin === window.location.origin ? value : EMPTY;
    } catch (error) {
      return EMPTY;
    }
  }
  var src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    configurable: true, enumerable: src.enumerable, get: src.get,
    set: function (value) { src.set.call(this, local(value)); }
  });
  var setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (this instanceof HTMLImageElement && String(name).toLowerCase() === "src") {
      value = local(value);
    }
    return setAttribute.call(this, name, value);
  };
})();
