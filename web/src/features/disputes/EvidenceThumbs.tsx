/** A dispute's evidence files as small pictures, each opening the file itself (the queue, the order's card, the portal). */
export function EvidenceThumbs({ disputeId, ids, alt }: { disputeId: string; ids: string[]; alt: string }) {
  return (
    <>
      {ids.map((id) => (
        <a key={id} href={`/fee-disputes/${disputeId}/evidence/${id}`} target="_blank" rel="noreferrer">
          <img src={`/fee-disputes/${disputeId}/evidence/${id}`} alt={alt} width={64} height={64} loading="lazy" />
        </a>
      ))}
    </>
  );
}
