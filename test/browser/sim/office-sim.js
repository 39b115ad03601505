/*
 * A simulated Excel host for browser tests: the part of Office.js and the Excel JavaScript API that
 * src/excel/office-host.ts uses, over an in-memory workbook. Served instead of Microsoft's office.js
 * (page.route), after `window.__SIM_INIT__ = { sheets: [{ name, values }], theme, selection }`.
 *
 * Semantics kept from the real API, so adapter bugs show up here:
 * - requests are queued and run only at context.sync() (Excel.run syncs what is left at the end);
 * - a loaded property can be read only after the sync that loaded it (else PropertyNotLoaded);
 * - *OrNullObject proxies report isNullObject after a sync; getItem of a missing sheet fails the sync;
 * - a sync whose request is above 5 MB of JSON fails like Excel on the web (RequestPayloadSizeLimitExceeded),
 *   and so does a sync whose response (the data its loads return) is above 5 MB; its loads deliver
 *   nothing (the limit is `responseLimit` in __SIM_INIT__ when given, to test chunked reads);
 * - Range.values: null leaves a cell as it is; values and numberFormat must match the range's shape;
 *   a string written into a cell not formatted as text ("@") is parsed like typed input (excelParse:
 *   "=…" a formula, "1-2" or "3/4" a date, "00123" a number), as Excel does.
 * - Worksheet.onChanged (ExcelApi 1.7): handlers hear every change of values on their sheet, the
 *   add-in's own writes (Range.values, Range.clear) as well as a person's (sim.userEdits), after the
 *   sync that made the change, as Excel does. The event carries triggerSource ('ThisLocalAddin' for the
 *   add-in's writes, ExcelApi 1.14) only when __SIM_INIT__.triggerSource is true: older hosts do not tell.
 * `syncDelayMs` in __SIM_INIT__ slows every sync down (to look at the pane while it works).
 * Everything is recorded in window.__sim for the tests (syncs, payload bytes, selection, charts, fills).
 */
(function () {
  'use strict';
  var init = window.__SIM_INIT__ || { sheets: [{ name: 'Blad1', values: [] }] };
  var PAYLOAD_LIMIT = 5 * 1024 * 1024;
  var RESPONSE_LIMIT = init.responseLimit || PAYLOAD_LIMIT;
  var SYNC_DELAY = init.syncDelayMs || 0;

  function SheetModel(name, values) {
    this.name = name;
    this.values = (values || []).map(function (r) {
      return (r || []).slice();
    });
    this.formats = new Map();
    this.formulas = new Map();
    this.fills = new Map();
    this.bold = new Set();
    this.widths = {};
    this.frozenRows = 0;
    this.frozenColumns = 0;
    this.wraps = new Set();
    this.rowHeights = {};
    this.autoFilter = null;
    this.validations = [];
    this.charts = [];
    this.autofits = [];
  }
  SheetModel.prototype.get = function (r, c) {
    var row = this.values[r];
    var v = row ? row[c] : undefined;
    return v === undefined || v === null ? '' : v;
  };
  SheetModel.prototype.set = function (r, c, v) {
    while (this.values.length <= r) this.values.push([]);
    var row = this.values[r];
    while (row.length <= c) row.push('');
    row[c] = v;
  };
  SheetModel.prototype.used = function () {
    var minR = Infinity,
      minC = Infinity,
      maxR = -1,
      maxC = -1;
    for (var r = 0; r < this.values.length; r++) {
      var row = this.values[r] || [];
      for (var c = 0; c < row.length; c++) {
        if (row[c] !== '' && row[c] !== null && row[c] !== undefined) {
          if (r < minR) minR = r;
          if (c < minC) minC = c;
          if (r > maxR) maxR = r;
          if (c > maxC) maxC = c;
        }
      }
    }
    // A formula counts as content even when it shows "" (Excel's used range, valuesOnly or not)
    this.formulas.forEach(function (f, k) {
      var rc = k.split(',').map(Number);
      if (rc[0] < minR) minR = rc[0];
      if (rc[1] < minC) minC = rc[1];
      if (rc[0] > maxR) maxR = rc[0];
      if (rc[1] > maxC) maxC = rc[1];
    });
    if (maxR < 0) return null;
    return { sheet: this, row: minR, column: minC, rowCount: maxR - minR + 1, columnCount: maxC - minC + 1 };
  };

  /** "1.9" → 1009, "1.10" → 1010: requirement set versions compared by major, then minor */
  function apiRank(version) {
    var parts = String(version).split('.');
    return Number(parts[0]) * 1000 + Number(parts[1] || 0);
  }

  var sim = {
    sheets: (init.sheets || []).map(function (s) {
      var m = new SheetModel(s.name, s.values);
      // formulas: { "row,column": "=…" } (0-based); formats: { "row,column": "format code" }
      Object.keys(s.formulas || {}).forEach(function (k) {
        m.formulas.set(k, s.formulas[k]);
      });
      Object.keys(s.formats || {}).forEach(function (k) {
        m.formats.set(k, s.formats[k]);
      });
      return m;
    }),
    /**
     * A write that fails, as set by a test: { sync: n (0-based index into sim.syncs), after: k } runs the
     * first k queued actions of that sync and then fails it, like Excel, whose failed batch is not undone
     * (what ran before the failing action stays applied). { sync: n, at: 'autoFilter.apply' } fails it at
     * the first action so described instead (Excel refusing that one operation).
     */
    failure: null,
    active: 0,
    selection: null,
    syncs: [],
    runs: 0,
    suspendCalls: 0,
    log: [],
    selectionHandlers: [],
    /** Worksheet.onChanged registrations: { handler, sheet } */
    changeHandlers: [],
    /** Every onChanged event fired: { sheet, address, triggerSource } */
    changeEvents: [],
    /** The highest ExcelApi set this Excel has (today's Excel: 1.9 and above; init.apiVersion to model an older one) */
    apiVersion: init.apiVersion || '1.9',
  };
  (init.sheets || []).forEach(function (s, i) {
    (s.charts || []).forEach(function (name) {
      sim.sheets[i].charts.push({ name: name, series: [] });
    });
  });
  sim.selection = init.selection || { sheet: sim.sheets[0] ? sim.sheets[0].name : '', row: 0, column: 0 };
  window.__sim = sim;

  function findSheet(name) {
    var lower = String(name).toLocaleLowerCase('sv');
    for (var i = 0; i < sim.sheets.length; i++) if (sim.sheets[i].name.toLocaleLowerCase('sv') === lower) return sim.sheets[i];
    return null;
  }
  /** Fires the onChanged handlers of a rectangle's sheet, after the current task (as Excel, after the sync). */
  function changed(rect, byAddin) {
    var a = letters(rect.column) + (rect.row + 1);
    var b = letters(rect.column + rect.columnCount - 1) + (rect.row + rect.rowCount);
    var event = {
      address: a === b ? a : a + ':' + b,
      worksheetId: '{' + rect.sheet.name + '}',
      type: 'WorksheetChanged',
      changeType: 'RangeEdited',
      source: 'Local',
    };
    if (init.triggerSource) event.triggerSource = byAddin ? 'ThisLocalAddin' : 'Unknown';
    setTimeout(function () {
      sim.changeEvents.push({ sheet: rect.sheet.name, address: event.address, triggerSource: event.triggerSource });
      sim.changeHandlers
        .filter(function (h) {
          return h.sheet === rect.sheet;
        })
        .forEach(function (h) {
          h.handler(event);
        });
    }, 0);
  }
  function fail(code, message) {
    var e = new Error(message);
    e.code = code;
    e.name = 'RichApi.Error';
    return e;
  }
  function letters(col) {
    var n = col + 1,
      s = '';
    while (n > 0) {
      var m = (n - 1) % 26;
      s = String.fromCharCode(65 + m) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  }
  function parseA1(text) {
    var m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(String(text).replace(/\$/g, ''));
    if (!m) throw fail('InvalidArgument', 'Ogiltig adress ' + text);
    var col = function (l) {
      var n = 0;
      for (var i = 0; i < l.length; i++) n = n * 26 + (l.toUpperCase().charCodeAt(i) - 64);
      return n - 1;
    };
    var r0 = Number(m[2]) - 1,
      c0 = col(m[1]);
    var r1 = m[4] ? Number(m[4]) - 1 : r0,
      c1 = m[3] ? col(m[3]) : c0;
    return { row: r0, column: c0, rowCount: r1 - r0 + 1, columnCount: c1 - c0 + 1 };
  }
  /**
   * An R1C1 formula as Excel shows it in A1 notation at (row, column), 0-based: R2C3 is $C$2, R[-1]C
   * the cell above, outside string literals and quoted sheet names.
   */
  function r1c1ToA1(formula, row, column) {
    var parts = formula.split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/);
    return parts
      .map(function (part, i) {
        if (i % 2 === 1) return part;
        return part.replace(
          /(^|[^A-Za-z0-9_.\\$])R(\[-?\d+\]|\d+)?C(\[-?\d+\]|\d+)?(?![A-Za-z0-9_.\\([])/g,
          function (all, before, r, c) {
            var at = function (p, here) {
              if (p === undefined || p === '') return { n: here, abs: false };
              if (p.charAt(0) === '[') return { n: here + Number(p.slice(1, -1)), abs: false };
              return { n: Number(p) - 1, abs: true };
            };
            var rr = at(r, row);
            var cc = at(c, column);
            if (rr.n < 0 || cc.n < 0) throw fail('InvalidArgument', 'Ogiltig R1C1-referens: ' + formula);
            return before + (cc.abs ? '$' : '') + letters(cc.n) + (rr.abs ? '$' : '') + (rr.n + 1);
          },
        );
      })
      .join('');
  }
  function key(r, c) {
    return r + ',' + c;
  }
  function serial(y, m, d) {
    return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000);
  }
  /** What Excel makes of a string typed into a cell that is not text (the part that matters here). */
  function excelParse(text) {
    var t = String(text).trim();
    var m;
    if (t.charAt(0) === '=' && t.length > 1) return { value: '#NAME?', formula: t };
    if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(t)) return { value: Number(t) };
    if ((m = /^([+-]?\d+(\.\d+)?)%$/.exec(t))) return { value: Number(m[1]) / 100 };
    if (/^(TRUE|FALSE)$/i.test(t)) return { value: t.toUpperCase() === 'TRUE' };
    if ((m = /^(\d{1,2})-(\d{1,2})$/.exec(t)) && +m[2] >= 1 && +m[2] <= 12 && +m[1] >= 1 && +m[1] <= 31)
      return { value: serial(2025, +m[2], +m[1]) };
    if ((m = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?$/.exec(t)) && +m[1] >= 1 && +m[1] <= 12 && +m[2] >= 1 && +m[2] <= 31) {
      var y = m[3] === undefined ? 2025 : +m[3] < 100 ? 2000 + +m[3] : +m[3];
      return { value: serial(y, +m[1], +m[2]) };
    }
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t)) && +m[2] >= 1 && +m[2] <= 12) return { value: serial(+m[1], +m[2], +m[3]) };
    return { value: text };
  }
  function forEachCell(rect, fn) {
    for (var r = rect.row; r < rect.row + rect.rowCount; r++)
      for (var c = rect.column; c < rect.column + rect.columnCount; c++) fn(r, c);
  }
  function inRect(rect, r, c) {
    return r >= rect.row && r < rect.row + rect.rowCount && c >= rect.column && c < rect.column + rect.columnCount;
  }
  function checkShape(rect, arr, what) {
    if (
      !Array.isArray(arr) ||
      arr.length !== rect.rowCount ||
      arr.some(function (row) {
        return !Array.isArray(row) || row.length !== rect.columnCount;
      })
    ) {
      throw fail('InvalidArgument', what + ': fel storlek, väntade ' + rect.rowCount + '×' + rect.columnCount);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Request context: queued actions, run at sync

  function RequestContext() {
    this._queue = [];
    this._pendingLoads = [];
    this.workbook = new WorkbookProxy(this);
    this.application = {
      suspendApiCalculationUntilNextSync: function () {
        sim.suspendCalls++;
      },
    };
  }
  RequestContext.prototype._enqueue = function (description, payload, run) {
    this._queue.push({ description: description, payload: payload, run: run });
  };
  RequestContext.prototype.sync = function () {
    var self = this;
    var queue = this._queue;
    this._queue = [];
    var bytes = 0;
    for (var i = 0; i < queue.length; i++)
      bytes += 120 + (queue[i].payload === undefined ? 0 : JSON.stringify(queue[i].payload).length);
    var record = {
      actions: queue.length,
      bytes: bytes,
      responseBytes: 0,
      // what the request held, in order (one description per queued action, runs of the same one counted)
      kinds: queue.reduce(function (kinds, q) {
        var last = kinds[kinds.length - 1];
        if (last && last[0] === q.description) last[1]++;
        else kinds.push([q.description, 1]);
        return kinds;
      }, []),
    };
    sim.syncs.push(record);
    return new Promise(function (resolve, reject) {
      setTimeout(function () {
        if (bytes > PAYLOAD_LIMIT) {
          reject(fail('RequestPayloadSizeLimitExceeded', 'Begäran är större än 5 MB (' + bytes + ' byte)'));
          return;
        }
        self._loaded = [];
        var failure = sim.failure && sim.failure.sync === sim.syncs.length - 1 ? sim.failure : null;
        var failAt = !failure
          ? -1
          : failure.at === undefined
            ? failure.after
            : queue.findIndex(function (q) {
                return q.description === failure.at;
              });
        if (failure && failAt < 0) failAt = queue.length;
        try {
          for (var i = 0; i < queue.length; i++) {
            if (failure && i >= failAt) {
              sim.failure = null;
              record.failedAt = i;
              throw fail('GeneralException', failure.message || 'Ett fel uppstod i Excel (simulerat)');
            }
            queue[i].run();
          }
          if (failure) {
            sim.failure = null;
            record.failedAt = queue.length;
            throw fail('GeneralException', failure.message || 'Ett fel uppstod i Excel (simulerat)');
          }
        } catch (e) {
          reject(e);
          return;
        }
        // The response: what the loads return. Above the limit nothing is delivered.
        var response = 0;
        self._loaded.forEach(function (l) {
          response += l.bytes;
        });
        record.responseBytes = response;
        if (response > RESPONSE_LIMIT) {
          self._loaded.forEach(function (l) {
            l.undo();
          });
          record.refused = true;
          reject(fail('RequestPayloadSizeLimitExceeded', 'Svaret är större än gränsen (' + response + ' byte)'));
          return;
        }
        resolve();
      }, SYNC_DELAY);
    });
  };
  /** A load's data, counted towards the sync's response (undone when the response is refused). */
  RequestContext.prototype._delivered = function (data, undo) {
    if (this._loaded) this._loaded.push({ bytes: JSON.stringify(data).length, undo: undo });
  };
  RequestContext.prototype.trackedObjects = { add: function () {}, remove: function () {} };

  /** Base of every proxy: a resolver run at sync time, loaded data readable after the sync. */
  function ClientProxy(ctx, resolve) {
    this._ctx = ctx;
    this._resolve = resolve;
    this._data = {};
    this._isNull = undefined;
  }
  ClientProxy.prototype._target = function () {
    var t = this._resolve();
    if (t === null || t === undefined) throw fail('ItemNotFound', 'Objektet finns inte');
    return t;
  };
  ClientProxy.prototype._get = function (prop) {
    if (!(prop in this._data))
      throw fail('PropertyNotLoaded', 'Egenskapen ' + prop + ' är inte inläst; anropa load() och context.sync() först');
    return this._data[prop];
  };
  ClientProxy.prototype.load = function (props) {
    var self = this;
    var list = typeof props === 'string' ? props.split(',') : Array.isArray(props) ? props : props ? Object.keys(props) : [];
    list = list
      .map(function (p) {
        return String(p).trim();
      })
      .filter(Boolean);
    var ctx = this._ctx;
    ctx._enqueue('load', undefined, function () {
      var t = self._resolve();
      self._isNull = t === null || t === undefined;
      if (self._isNull) {
        if (!self._nullable) throw fail('ItemNotFound', 'Objektet finns inte');
        return;
      }
      var data = {};
      list.forEach(function (p) {
        data[p] = self._data[p] = self._read(p, t);
      });
      ctx._delivered(data, function () {
        list.forEach(function (p) {
          delete self._data[p];
        });
        self._isNull = undefined;
      });
    });
    return this;
  };
  Object.defineProperty(ClientProxy.prototype, 'isNullObject', {
    get: function () {
      if (this._isNull === undefined) throw fail('PropertyNotLoaded', 'isNullObject är känt först efter sync');
      return this._isNull;
    },
  });
  function defineProps(Ctor, props) {
    props.forEach(function (p) {
      Object.defineProperty(Ctor.prototype, p, {
        get: function () {
          return this._get(p);
        },
        set: function (v) {
          this._set(p, v);
        },
      });
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Workbook and worksheets

  function WorkbookProxy(ctx) {
    ClientProxy.call(this, ctx, function () {
      return sim;
    });
    this.worksheets = new WorksheetCollectionProxy(ctx);
  }
  WorkbookProxy.prototype = Object.create(ClientProxy.prototype);
  WorkbookProxy.prototype.getActiveCell = function () {
    var ctx = this._ctx;
    return new RangeProxy(ctx, function () {
      var s = findSheet(sim.selection.sheet);
      return s ? { sheet: s, row: sim.selection.row, column: sim.selection.column, rowCount: 1, columnCount: 1 } : null;
    });
  };
  WorkbookProxy.prototype.getSelectedRange = WorkbookProxy.prototype.getActiveCell;

  function WorksheetCollectionProxy(ctx) {
    ClientProxy.call(this, ctx, function () {
      return sim.sheets;
    });
  }
  WorksheetCollectionProxy.prototype = Object.create(ClientProxy.prototype);
  WorksheetCollectionProxy.prototype.load = function (props) {
    var self = this;
    var text = typeof props === 'string' ? props : Array.isArray(props) ? props.join(',') : '';
    var fields = text
      .split(',')
      .map(function (p) {
        return p.trim().replace(/^items\//, '');
      })
      .filter(Boolean);
    var ctx = this._ctx;
    ctx._enqueue('load worksheets', undefined, function () {
      self._items = sim.sheets.map(function (s) {
        var p = new WorksheetProxy(self._ctx, function () {
          return sim.sheets.indexOf(s) >= 0 ? s : null;
        });
        fields.forEach(function (f) {
          p._data[f] = p._read(f, s);
        });
        return p;
      });
      ctx._delivered(
        self._items.map(function (p) {
          return p._data;
        }),
        function () {
          self._items = undefined;
        },
      );
    });
    return this;
  };
  Object.defineProperty(WorksheetCollectionProxy.prototype, 'items', {
    get: function () {
      if (!this._items) throw fail('PropertyNotLoaded', 'items är inte inläst');
      return this._items;
    },
  });
  WorksheetCollectionProxy.prototype.getItem = function (name) {
    return new WorksheetProxy(this._ctx, function () {
      var s = findSheet(name);
      if (!s) throw fail('ItemNotFound', 'Bladet ' + name + ' finns inte');
      return s;
    });
  };
  WorksheetCollectionProxy.prototype.getItemOrNullObject = function (name) {
    var p = new WorksheetProxy(this._ctx, function () {
      return findSheet(name);
    });
    p._nullable = true;
    return p;
  };
  WorksheetCollectionProxy.prototype.getActiveWorksheet = function () {
    return new WorksheetProxy(this._ctx, function () {
      return sim.sheets[sim.active] || null;
    });
  };
  WorksheetCollectionProxy.prototype.add = function (name) {
    var model = null;
    this._ctx._enqueue('worksheets.add', name, function () {
      if (findSheet(name)) throw fail('ItemAlreadyExists', 'Bladet ' + name + ' finns redan');
      model = new SheetModel(name, []);
      sim.sheets.push(model);
      sim.log.push('add ' + name);
    });
    return new WorksheetProxy(this._ctx, function () {
      return model;
    });
  };

  function WorksheetProxy(ctx, resolve) {
    ClientProxy.call(this, ctx, resolve);
    var self = this;
    this.freezePanes = {
      freezeRows: function (n) {
        ctx._enqueue('freezeRows', n, function () {
          self._target().frozenRows = n;
          self._target().frozenColumns = 0;
        });
      },
      // WorksheetFreezePanes.freezeAt (ExcelApi 1.7): the range is the frozen top-left pane
      freezeAt: function (range) {
        ctx._enqueue('freezeAt', undefined, function () {
          var rect = range._target();
          self._target().frozenRows = rect.row + rect.rowCount;
          self._target().frozenColumns = rect.column + rect.columnCount;
        });
      },
    };
    // Worksheet.autoFilter (ExcelApi 1.9): one per sheet, apply replaces it
    this.autoFilter = {
      apply: function (range) {
        ctx._enqueue('autoFilter.apply', undefined, function () {
          if (apiRank(sim.apiVersion) < apiRank('1.9')) throw fail('ApiNotFound', 'autoFilter kräver ExcelApi 1.9');
          var rect = range._target();
          self._target().autoFilter = {
            row: rect.row,
            column: rect.column,
            rowCount: rect.rowCount,
            columnCount: rect.columnCount,
          };
        });
      },
    };
    this.charts = new ChartCollectionProxy(ctx, this);
    // Worksheet.onSelectionChanged (ExcelApi 1.7): a handler is added, and removed, by the next sync
    // of its request context; removing it needs Excel.run(thatContext, …) as in Office.js.
    this.onSelectionChanged = {
      add: function (handler) {
        var registration = { handler: handler, sheet: null };
        ctx._enqueue('onSelectionChanged.add', undefined, function () {
          registration.sheet = self._target();
          sim.selectionHandlers.push(registration);
        });
        return {
          context: ctx,
          remove: function () {
            if (ctx._finished && !ctx._reopened) throw fail('InvalidRequestContext', 'remove() utanför Excel.run(context, …)');
            ctx._enqueue('onSelectionChanged.remove', undefined, function () {
              sim.selectionHandlers = sim.selectionHandlers.filter(function (h) {
                return h !== registration;
              });
            });
          },
        };
      },
    };
  }
  WorksheetProxy.prototype = Object.create(ClientProxy.prototype);
  // Worksheet.onChanged (ExcelApi 1.7): added, and removed, by the next sync of its request context
  Object.defineProperty(WorksheetProxy.prototype, 'onChanged', {
    get: function () {
      var self = this;
      var ctx = this._ctx;
      return {
        add: function (handler) {
          var registration = { handler: handler, sheet: null };
          ctx._enqueue('onChanged.add', undefined, function () {
            registration.sheet = self._target();
            sim.changeHandlers.push(registration);
          });
          return {
            context: ctx,
            remove: function () {
              if (ctx._finished && !ctx._reopened) throw fail('InvalidRequestContext', 'remove() utanför Excel.run(context, …)');
              ctx._enqueue('onChanged.remove', undefined, function () {
                sim.changeHandlers = sim.changeHandlers.filter(function (h) {
                  return h !== registration;
                });
              });
            },
          };
        },
      };
    },
  });
  WorksheetProxy.prototype._read = function (p, s) {
    if (p === 'name') return s.name;
    if (p === 'position') return sim.sheets.indexOf(s);
    throw fail('InvalidArgument', 'Simulatorn kan inte läsa Worksheet.' + p);
  };
  WorksheetProxy.prototype._set = function (p, v) {
    var self = this;
    if (p === 'position') {
      this._ctx._enqueue('position', v, function () {
        var s = self._target();
        var i = sim.sheets.indexOf(s);
        sim.sheets.splice(i, 1);
        sim.sheets.splice(Math.min(v, sim.sheets.length), 0, s);
      });
      return;
    }
    if (p === 'name') {
      this._ctx._enqueue('rename', v, function () {
        self._target().name = v;
      });
      return;
    }
    throw fail('InvalidArgument', 'Simulatorn kan inte sätta Worksheet.' + p);
  };
  defineProps(WorksheetProxy, ['name', 'position']);
  WorksheetProxy.prototype.delete = function () {
    var self = this;
    this._ctx._enqueue('delete sheet', undefined, function () {
      var s = self._target();
      var activeSheet = sim.sheets[sim.active];
      sim.sheets.splice(sim.sheets.indexOf(s), 1);
      sim.log.push('delete ' + s.name);
      // As in Excel: a formula on another sheet that refers to the deleted sheet now says #REF!
      var ref = new RegExp("(^|[^A-Za-z0-9_.])'?" + s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + "'?!", 'i');
      sim.sheets.forEach(function (other) {
        other.formulas.forEach(function (f, k) {
          if (!ref.test(f)) return;
          other.formulas.set(
            k,
            f.replace(new RegExp("'?" + s.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + "'?![$A-Z0-9:]+", 'gi'), '#REF!'),
          );
          var rc = k.split(',').map(Number);
          other.set(rc[0], rc[1], '#REF!');
        });
      });
      sim.active = Math.max(0, sim.sheets.indexOf(activeSheet));
    });
  };
  WorksheetProxy.prototype.activate = function () {
    var self = this;
    this._ctx._enqueue('activate', undefined, function () {
      sim.active = sim.sheets.indexOf(self._target());
    });
  };
  WorksheetProxy.prototype.getRange = function (address) {
    var self = this;
    return new RangeProxy(this._ctx, function () {
      var s = self._target();
      // getRange() without an address: the whole sheet
      if (!address) return { sheet: s, row: 0, column: 0, rowCount: 1048576, columnCount: 16384 };
      var a = parseA1(address);
      return { sheet: s, row: a.row, column: a.column, rowCount: a.rowCount, columnCount: a.columnCount };
    });
  };
  WorksheetProxy.prototype.getRangeByIndexes = function (row, column, rowCount, columnCount) {
    var self = this;
    if (!(rowCount > 0 && columnCount > 0)) throw fail('InvalidArgument', 'getRangeByIndexes: tomt område');
    return new RangeProxy(this._ctx, function () {
      return { sheet: self._target(), row: row, column: column, rowCount: rowCount, columnCount: columnCount };
    });
  };
  WorksheetProxy.prototype.getUsedRangeOrNullObject = function (valuesOnly) {
    var self = this;
    var p = new RangeProxy(this._ctx, function () {
      var s = self._resolve();
      return s ? s.used(valuesOnly) : null;
    });
    p._nullable = true;
    return p;
  };

  // ---------------------------------------------------------------------------------------------
  // Ranges

  function RangeProxy(ctx, resolve) {
    ClientProxy.call(this, ctx, resolve);
    var self = this;
    var fmtSet = function (what) {
      return function (v) {
        ctx._enqueue('format.' + what, v, function () {
          var rect = self._target();
          if (what === 'fill')
            forEachCell(rect, function (r, c) {
              rect.sheet.fills.set(key(r, c), v);
            });
          if (what === 'bold')
            forEachCell(rect, function (r, c) {
              if (v) rect.sheet.bold.add(key(r, c));
              else rect.sheet.bold.delete(key(r, c));
            });
          if (what === 'wrapText')
            forEachCell(rect, function (r, c) {
              if (v) rect.sheet.wraps.add(key(r, c));
              else rect.sheet.wraps.delete(key(r, c));
            });
          if (what === 'rowHeight') for (var r = rect.row; r < rect.row + rect.rowCount; r++) rect.sheet.rowHeights[r] = v;
        });
      };
    };
    var fill = {};
    Object.defineProperty(fill, 'color', {
      set: fmtSet('fill'),
      get: function () {
        throw fail('PropertyNotLoaded', 'fill.color');
      },
    });
    var font = {};
    Object.defineProperty(font, 'bold', {
      set: fmtSet('bold'),
      get: function () {
        throw fail('PropertyNotLoaded', 'font.bold');
      },
    });
    var format = {
      fill: fill,
      font: font,
      autofitColumns: function () {
        ctx._enqueue('autofitColumns', undefined, function () {
          var rect = self._target();
          rect.sheet.autofits.push([rect.column, rect.columnCount]);
        });
      },
    };
    Object.defineProperty(format, 'wrapText', { set: fmtSet('wrapText') });
    Object.defineProperty(format, 'verticalAlignment', { set: fmtSet('verticalAlignment') });
    Object.defineProperty(format, 'rowHeight', { set: fmtSet('rowHeight') });
    Object.defineProperty(format, 'columnWidth', {
      set: function (v) {
        ctx._enqueue('columnWidth', v, function () {
          var rect = self._target();
          for (var c = rect.column; c < rect.column + rect.columnCount; c++) rect.sheet.widths[c] = v;
        });
      },
    });
    this.format = format;
    var dv = {};
    ['rule', 'prompt', 'errorAlert'].forEach(function (p) {
      Object.defineProperty(dv, p, {
        set: function (v) {
          ctx._enqueue('dataValidation.' + p, v, function () {
            var rect = self._target();
            var entry = rect.sheet.validations.find(function (x) {
              return (
                x.row === rect.row &&
                x.column === rect.column &&
                x.rowCount === rect.rowCount &&
                x.columnCount === rect.columnCount
              );
            });
            if (!entry) {
              entry = { row: rect.row, column: rect.column, rowCount: rect.rowCount, columnCount: rect.columnCount };
              rect.sheet.validations.push(entry);
            }
            entry[p] = v;
          });
        },
      });
    });
    this.dataValidation = dv;
    var worksheet = null;
    Object.defineProperty(this, 'worksheet', {
      get: function () {
        if (!worksheet)
          worksheet = new WorksheetProxy(ctx, function () {
            var rect = self._resolve();
            return rect ? rect.sheet : null;
          });
        return worksheet;
      },
    });
  }
  /** Range.formulas' assignment of a 2-D array (shape checked) to the cells of `rect`. */
  function writeFormulas(rect, v) {
    for (var i = 0; i < rect.rowCount; i++) {
      for (var j = 0; j < rect.columnCount; j++) {
        var value = v[i][j];
        if (value === null || value === undefined)
          throw fail('InvalidArgument', 'Range.formulas tar inte null (cell ' + (rect.row + i) + ',' + (rect.column + j) + ')');
        var k = key(rect.row + i, rect.column + j);
        rect.sheet.formulas.delete(k);
        if (typeof value === 'string' && value.charAt(0) === '=' && value.length > 1) {
          if (rect.sheet.formats.get(k) === '@') {
            rect.sheet.set(rect.row + i, rect.column + j, value);
            continue;
          }
          rect.sheet.formulas.set(k, value);
          rect.sheet.set(rect.row + i, rect.column + j, '');
          continue;
        }
        if (typeof value === 'string' && rect.sheet.formats.get(k) !== '@') value = excelParse(value).value;
        rect.sheet.set(rect.row + i, rect.column + j, value);
      }
    }
  }
  RangeProxy.prototype = Object.create(ClientProxy.prototype);
  RangeProxy.prototype._read = function (p, rect) {
    var s = rect.sheet;
    var rows = function (fn) {
      var out = [];
      for (var r = rect.row; r < rect.row + rect.rowCount; r++) {
        var row = [];
        for (var c = rect.column; c < rect.column + rect.columnCount; c++) row.push(fn(r, c));
        out.push(row);
      }
      return out;
    };
    if (p === 'values')
      return rows(function (r, c) {
        return s.get(r, c);
      });
    if (p === 'numberFormat')
      return rows(function (r, c) {
        return s.formats.get(key(r, c)) || 'General';
      });
    if (p === 'formulas')
      return rows(function (r, c) {
        var f = s.formulas.get(key(r, c));
        return f !== undefined ? f : s.get(r, c);
      });
    if (p === 'rowIndex') return rect.row;
    if (p === 'columnIndex') return rect.column;
    if (p === 'rowCount') return rect.rowCount;
    if (p === 'columnCount') return rect.columnCount;
    if (p === 'address') {
      var a = letters(rect.column) + (rect.row + 1);
      var b = letters(rect.column + rect.columnCount - 1) + (rect.row + rect.rowCount);
      return s.name + '!' + (a === b ? a : a + ':' + b);
    }
    throw fail('InvalidArgument', 'Simulatorn kan inte läsa Range.' + p);
  };
  RangeProxy.prototype._set = function (p, v) {
    var self = this;
    if (p === 'values') {
      this._ctx._enqueue('values', v, function () {
        var rect = self._target();
        checkShape(rect, v, 'values');
        for (var i = 0; i < rect.rowCount; i++) {
          for (var j = 0; j < rect.columnCount; j++) {
            var value = v[i][j];
            if (value === null) continue;
            var k = key(rect.row + i, rect.column + j);
            rect.sheet.formulas.delete(k);
            // Excel parses a string like typed input unless the cell is already formatted as text
            if (typeof value === 'string' && rect.sheet.formats.get(k) !== '@') {
              var parsed = excelParse(value);
              if (parsed.formula) rect.sheet.formulas.set(k, parsed.formula);
              value = parsed.value;
            }
            rect.sheet.set(rect.row + i, rect.column + j, value);
          }
        }
        changed(rect, true);
      });
      return;
    }
    if (p === 'formulas') {
      // Range.formulas: '=…' is a formula (English function names), anything else a constant typed in;
      // the simulator does not calculate, so a formula cell's value reads '' until Excel would have
      // calculated it. The formula itself is kept and read back by Range.formulas.
      this._ctx._enqueue('formulas', v, function () {
        var rect = self._target();
        checkShape(rect, v, 'formulas');
        writeFormulas(rect, v);
      });
      return;
    }
    if (p === 'formulasR1C1') {
      // one formula (not an array): Excel puts it in every cell of the range, its references relative
      // to each cell; kept in A1 notation, as Range.formulas reads it back
      this._ctx._enqueue('formulasR1C1', v, function () {
        var rect = self._target();
        var one = typeof v === 'string';
        if (!one) checkShape(rect, v, 'formulasR1C1');
        var a1 = [];
        for (var i = 0; i < rect.rowCount; i++) {
          var row = [];
          for (var j = 0; j < rect.columnCount; j++) {
            var f = one ? v : v[i][j];
            row.push(typeof f === 'string' && f.charAt(0) === '=' ? r1c1ToA1(f, rect.row + i, rect.column + j) : f);
          }
          a1.push(row);
        }
        writeFormulas(rect, a1);
      });
      return;
    }
    if (p === 'numberFormat') {
      this._ctx._enqueue('numberFormat', v, function () {
        var rect = self._target();
        // one format code (not an array): Excel applies it to every cell of the range
        var one = typeof v === 'string';
        if (!one) checkShape(rect, v, 'numberFormat');
        for (var i = 0; i < rect.rowCount; i++)
          for (var j = 0; j < rect.columnCount; j++) {
            var f = one ? v : v[i][j];
            if (f !== null) rect.sheet.formats.set(key(rect.row + i, rect.column + j), f);
          }
      });
      return;
    }
    throw fail('InvalidArgument', 'Simulatorn kan inte sätta Range.' + p);
  };
  defineProps(RangeProxy, [
    'values',
    'numberFormat',
    'formulas',
    'formulasR1C1',
    'rowIndex',
    'columnIndex',
    'address',
    'rowCount',
    'columnCount',
  ]);
  RangeProxy.prototype.clear = function (applyTo) {
    var self = this;
    this._ctx._enqueue('clear', applyTo, function () {
      var rect = self._target();
      var s = rect.sheet;
      var all = !applyTo || applyTo === 'All';
      if (all || applyTo === 'Contents') {
        Array.from(s.formulas.keys()).forEach(function (k) {
          var rc = k.split(',').map(Number);
          if (inRect(rect, rc[0], rc[1])) s.formulas.delete(k);
        });
        for (var r = rect.row; r < Math.min(rect.row + rect.rowCount, s.values.length); r++) {
          var row = s.values[r] || [];
          for (var c = rect.column; c < Math.min(rect.column + rect.columnCount, row.length); c++) row[c] = '';
        }
      }
      if (all || applyTo === 'Contents') changed(rect, true);
      if (all || applyTo === 'Formats') {
        [s.formats, s.fills].forEach(function (m) {
          Array.from(m.keys()).forEach(function (k) {
            var rc = k.split(',').map(Number);
            if (inRect(rect, rc[0], rc[1])) m.delete(k);
          });
        });
        [s.bold, s.wraps].forEach(function (set) {
          Array.from(set).forEach(function (k) {
            var rc = k.split(',').map(Number);
            if (inRect(rect, rc[0], rc[1])) set.delete(k);
          });
        });
      }
    });
  };
  RangeProxy.prototype.select = function () {
    var self = this;
    this._ctx._enqueue('select', undefined, function () {
      var rect = self._target();
      sim.active = sim.sheets.indexOf(rect.sheet);
      sim.selection = {
        sheet: rect.sheet.name,
        row: rect.row,
        column: rect.column,
        rowCount: rect.rowCount,
        columnCount: rect.columnCount,
      };
    });
  };
  RangeProxy.prototype.getBoundingRect = function (other) {
    var self = this;
    return new RangeProxy(this._ctx, function () {
      var a = self._target();
      var b = typeof other === 'string' ? Object.assign({ sheet: a.sheet }, parseA1(other)) : other._target();
      var row = Math.min(a.row, b.row),
        column = Math.min(a.column, b.column);
      return {
        sheet: a.sheet,
        row: row,
        column: column,
        rowCount: Math.max(a.row + a.rowCount, b.row + b.rowCount) - row,
        columnCount: Math.max(a.column + a.columnCount, b.column + b.columnCount) - column,
      };
    });
  };

  // ---------------------------------------------------------------------------------------------
  // Charts

  function ChartCollectionProxy(ctx, sheetProxy) {
    this._ctx = ctx;
    this._sheet = sheetProxy;
  }
  ChartCollectionProxy.prototype.load = function () {
    var self = this;
    this._ctx._enqueue('load charts', undefined, function () {
      var s = self._sheet._resolve();
      self._items = s
        ? s.charts.map(function (c) {
            return { name: c.name };
          })
        : [];
      self._ctx._delivered(self._items, function () {
        self._items = undefined;
      });
    });
    return this;
  };
  Object.defineProperty(ChartCollectionProxy.prototype, 'items', {
    get: function () {
      if (!this._items) throw fail('PropertyNotLoaded', 'items är inte inläst');
      return this._items;
    },
  });
  ChartCollectionProxy.prototype.getItem = function (name) {
    var ctx = this._ctx;
    var sheetProxy = this._sheet;
    return {
      delete: function () {
        ctx._enqueue('chart.delete', name, function () {
          var s = sheetProxy._target();
          var i = s.charts.findIndex(function (c) {
            return c.name === name;
          });
          if (i < 0) throw fail('ItemNotFound', 'Diagrammet ' + name + ' finns inte');
          s.charts.splice(i, 1);
          sim.log.push('delete chart ' + name);
        });
      },
    };
  };
  ChartCollectionProxy.prototype.add = function (type, sourceRange, seriesBy) {
    var ctx = this._ctx;
    var sheetProxy = this._sheet;
    var record = null;
    ctx._enqueue('charts.add', type, function () {
      var src = sourceRange._target();
      record = {
        type: type,
        seriesBy: seriesBy,
        name: '',
        title: '',
        legend: '',
        reversePlotOrder: false,
        position: null,
        series: [
          {
            name: '',
            values: {
              sheet: src.sheet.name,
              row: src.row,
              column: src.column,
              rowCount: src.rowCount,
              columnCount: src.columnCount,
            },
            xValues: null,
          },
        ],
      };
      sheetProxy._target().charts.push(record);
    });
    var rec = function () {
      return record;
    };
    var later = function (what, fn) {
      return function (v) {
        ctx._enqueue('chart.' + what, v, function () {
          fn(rec(), v);
        });
      };
    };
    var seriesProxy = function (index) {
      var sp = {
        setValues: function (range) {
          ctx._enqueue('series.setValues', undefined, function () {
            var r = range._target();
            rec().series[index()].values = {
              sheet: r.sheet.name,
              row: r.row,
              column: r.column,
              rowCount: r.rowCount,
              columnCount: r.columnCount,
            };
          });
        },
        setXAxisValues: function (range) {
          ctx._enqueue('series.setXAxisValues', undefined, function () {
            var r = range._target();
            rec().series[index()].xValues = {
              sheet: r.sheet.name,
              row: r.row,
              column: r.column,
              rowCount: r.rowCount,
              columnCount: r.columnCount,
            };
          });
        },
      };
      Object.defineProperty(sp, 'name', {
        set: later('series.name', function (c, v) {
          c.series[index()].name = v;
        }),
      });
      return sp;
    };
    var chart = {
      series: {
        getItemAt: function (i) {
          return seriesProxy(function () {
            return i;
          });
        },
        add: function (name) {
          var at = null;
          ctx._enqueue('series.add', name, function () {
            rec().series.push({ name: name || '', values: null, xValues: null });
            at = rec().series.length - 1;
          });
          return seriesProxy(function () {
            return at;
          });
        },
      },
      title: {},
      legend: {},
      axes: { categoryAxis: {} },
      setPosition: function (a, b) {
        ctx._enqueue('chart.setPosition', [a, b], function () {
          rec().position = [a, b];
        });
      },
    };
    Object.defineProperty(chart, 'name', {
      set: later('name', function (c, v) {
        c.name = v;
      }),
    });
    Object.defineProperty(chart.title, 'text', {
      set: later('title', function (c, v) {
        c.title = v;
      }),
    });
    Object.defineProperty(chart.legend, 'position', {
      set: later('legend', function (c, v) {
        c.legend = v;
      }),
    });
    Object.defineProperty(chart.axes.categoryAxis, 'reversePlotOrder', {
      set: later('reversePlotOrder', function (c, v) {
        c.reversePlotOrder = v;
      }),
    });
    return chart;
  };

  // ---------------------------------------------------------------------------------------------
  // Globals

  var Excel = {
    // Excel.run(batch), or Excel.run(context, batch) on the context of an earlier run
    run: function (a, b) {
      sim.runs++;
      var ctx = typeof a === 'function' ? new RequestContext() : a;
      var batch = typeof a === 'function' ? a : b;
      if (ctx._finished) ctx._reopened = true;
      return Promise.resolve()
        .then(function () {
          return batch(ctx);
        })
        .then(function (result) {
          if (ctx._queue.length === 0) return result;
          return ctx.sync().then(function () {
            return result;
          });
        })
        .then(
          function (result) {
            ctx._finished = true;
            ctx._reopened = false;
            return result;
          },
          function (e) {
            ctx._finished = true;
            ctx._reopened = false;
            throw e;
          },
        );
    },
    RequestContext: RequestContext,
    ChartType: { barClustered: 'BarClustered', columnClustered: 'ColumnClustered' },
    ChartSeriesBy: { columns: 'Columns', rows: 'Rows', auto: 'Auto' },
    ClearApplyTo: { all: 'All', formats: 'Formats', contents: 'Contents' },
  };

  var readyInfo = { host: 'Excel', platform: 'OfficeOnline' };
  var Office = {
    HostType: { Excel: 'Excel' },
    context: {
      officeTheme: init.theme || {
        bodyBackgroundColor: '#ffffff',
        bodyForegroundColor: '#000000',
        controlBackgroundColor: '#ffffff',
        controlForegroundColor: '#000000',
      },
      displayLanguage: 'sv-SE',
      requirements: {
        isSetSupported: function (name, version) {
          return name === 'ExcelApi' && apiRank(version) <= apiRank(sim.apiVersion);
        },
      },
    },
    onReady: function (callback) {
      return new Promise(function (resolve) {
        setTimeout(function () {
          if (callback) callback(readyInfo);
          resolve(readyInfo);
        }, 0);
      });
    },
  };

  /** Values of every sheet, trimmed of trailing empty rows and columns (for comparisons). */
  sim.dump = function () {
    return sim.sheets.map(function (s) {
      var u = s.used();
      var rows = u ? u.row + u.rowCount : 0;
      var cols = u ? u.column + u.columnCount : 0;
      var values = [];
      for (var r = 0; r < rows; r++) {
        var row = [];
        for (var c = 0; c < cols; c++) row.push(s.get(r, c));
        values.push(row);
      }
      return { name: s.name, values: values };
    });
  };
  sim.sheet = function (name) {
    var s = findSheet(name);
    if (!s) return null;
    return {
      name: s.name,
      fills: Array.from(s.fills.entries()),
      bold: Array.from(s.bold),
      formats: Array.from(s.formats.entries()),
      formulas: Array.from(s.formulas.entries()),
      charts: s.charts,
      frozenRows: s.frozenRows,
      frozenColumns: s.frozenColumns,
      wraps: Array.from(s.wraps),
      rowHeights: s.rowHeights,
      autoFilter: s.autoFilter,
      validations: s.validations,
      widths: s.widths,
    };
  };
  sim.setSelection = function (sheet, row, column) {
    sim.selection = { sheet: sheet, row: row, column: column };
  };
  /** A person types a value into a cell (while the pane is open; no event reaches the pane). */
  sim.userTypes = function (sheet, row, column, value) {
    findSheet(sheet).set(row, column, value);
  };
  /** A person types a value into a cell (0-based): the value is set and the sheet's onChanged handlers hear it. */
  sim.userEdits = function (sheet, row, column, value) {
    var s = findSheet(sheet);
    s.formulas.delete(key(row, column));
    s.set(row, column, value);
    changed({ sheet: s, row: row, column: column, rowCount: 1, columnCount: 1 }, false);
  };
  /** A person clicks a cell: the selection moves and the sheet's onSelectionChanged handlers run. */
  sim.userSelects = function (sheet, row, column) {
    var s = findSheet(sheet);
    sim.selection = { sheet: s.name, row: row, column: column };
    sim.active = sim.sheets.indexOf(s);
    var address = letters(column) + (row + 1);
    sim.selectionHandlers
      .filter(function (h) {
        return h.sheet === s;
      })
      .forEach(function (h) {
        h.handler({ address: address, worksheetId: '{' + s.name + '}', type: 'WorksheetSelectionChanged', source: 'Local' });
      });
  };

  window.Office = Office;
  window.Excel = Excel;
})();
