// A drawn signature: a canvas the finger, pen or mouse draws on (pointer events), a Clear button,
// and the drawing handed on as a PNG data URL (the server checks it is a PNG of at most 100 KB).
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const width = 480;
const height = 160;
/** The server's limit less a margin: a drawing larger than this is refused here already. */
const maxDataUrlChars = 130_000;

export function SignaturePad({ label, onChange, id = 'signature-pad' }: { label: string; onChange: (dataUrl: string | null) => void; id?: string }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const drawn = useRef(false);

  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111';
  }, []);

  const at = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return [((e.clientX - r.left) * width) / r.width, ((e.clientY - r.top) * height) / r.height] as const;
  };
  const finish = () => {
    if (!drawing.current) return;
    drawing.current = false;
    const url = canvas.current?.toDataURL('image/png') ?? null;
    onChange(drawn.current && url && url.length <= maxDataUrlChars ? url : null);
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, width, height);
    drawn.current = false;
    onChange(null);
  };

  return (
    <div className="signature-pad">
      <label htmlFor={id}>{label}</label>
      <canvas
        id={id}
        ref={canvas}
        width={width}
        height={height}
        role="img"
        aria-label={t('signature.area')}
        style={{ width: '100%', maxWidth: `${width}px`, aspectRatio: `${width} / ${height}`, border: '1px solid #999', borderRadius: 4, touchAction: 'none', background: '#fff' }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const ctx = e.currentTarget.getContext('2d')!;
          const [x, y] = at(e);
          ctx.beginPath();
          ctx.moveTo(x, y);
          ctx.lineTo(x + 0.1, y + 0.1);
          ctx.stroke();
          drawing.current = true;
          drawn.current = true;
        }}
        onPointerMove={(e) => {
          if (!drawing.current) return;
          const ctx = e.currentTarget.getContext('2d')!;
          const [x, y] = at(e);
          ctx.lineTo(x, y);
          ctx.stroke();
        }}
        onPointerUp={finish}
        onPointerCancel={finish}
        onPointerLeave={finish}
      />
      <button type="button" onClick={clear}>
        {t('signature.clear')}
      </button>
    </div>
  );
}
